import { createPublicKey } from 'node:crypto';
import { z } from 'zod';
import { DEFAULT_REFRESH_INTERVAL_MS } from '@harmony-push/shared';
import { faultSettings, type Faults } from './emulator/faults';
import type { ReceiptCredentials } from './receipts/signature';
import { TEST_MESSAGES_PER_DAY } from './pushkit/spec-choices';

const keyList = z
  .string()
  .default('')
  .transform((raw) => raw.split(',').map((key) => key.trim()).filter((key) => key.length > 0))
  .refine((keys) => keys.every((key) => key.length >= 16), 'every key must be at least 16 characters');

const optionalText = z
  .string()
  .optional()
  .transform((value) => (value === undefined || value.trim() === '' ? undefined : value.trim()));

/** A period in whole days. */
const days = z.coerce.number().int().min(1);

/** How often the app re-uploads an unchanged token (shared/src/client/token-registrar.ts), in days. */
const CLIENT_REFRESH_DAYS = DEFAULT_REFRESH_INTERVAL_MS / (24 * 60 * 60 * 1000);

function isPublicKeyPem(pem: string): boolean {
  try {
    return createPublicKey(pem).type === 'public';
  } catch {
    return false;
  }
}

const envSchema = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().min(1).default('0.0.0.0'),
    DATABASE_URL: optionalText.pipe(z.url({ protocol: /^postgres(ql)?$/ }).optional()),
    DATA_DIR: z.string().min(1).default('./data'),
    APP_KEYS: keyList,
    ADMIN_KEYS: keyList,
    USER_JWT_JWKS_URL: optionalText.pipe(z.url({ protocol: /^https?$/ }).optional()),
    USER_JWT_PUBLIC_KEY: optionalText
      .transform((pem) => pem?.replace(/\\n/g, '\n'))
      .pipe(z.string().refine(isPublicKeyPem, 'must be a PEM public key').optional()),
    USER_JWT_SECRET: optionalText.pipe(z.string().min(32, 'must be at least 32 characters').optional()),
    USER_JWT_ISSUER: optionalText,
    USER_JWT_AUDIENCE: optionalText,
    RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).default(600),
    HTTP_HEADERS_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(10_000),
    HTTP_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).max(3_600_000).default(30_000),
    HTTP_KEEP_ALIVE_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(72_000),
    MAX_CONNECTIONS_PER_IP: z.coerce.number().int().min(0).default(256),
    PUSHKIT_SERVICE_ACCOUNT: optionalText,
    PUSHKIT_BASE_URL: z.url({ protocol: /^https?$/ }).default('https://push-api.cloud.huawei.com'),
    PUSHKIT_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(16),
    PUSHKIT_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
    PUSHKIT_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(5),
    PUSHKIT_RETRY_WINDOW_MS: z.coerce.number().int().min(0).max(600_000).default(60_000),
    PUSHKIT_TOKENS_PER_SECOND: z.coerce.number().int().min(0).default(0),
    PUSHKIT_RECEIPT_USERNAME: optionalText,
    PUSHKIT_RECEIPT_SECRET: optionalText,
    PUSHKIT_RECEIPTS_UNSIGNED: z.enum(['true', 'false']).default('false').transform((value) => value === 'true'),
    /** The app's Client ID in AppGallery Connect: the path of Push Kit's revoke API (push-msg-revoke). */
    PUSHKIT_CLIENT_ID: optionalText.pipe(z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'must be the Client ID shown in AppGallery Connect').optional()),
    /** The app holds Huawei's self-classification right for notification categories (push-apply-right). */
    PUSHKIT_SELF_CLASSIFICATION: z.enum(['true', 'false']).default('false').transform((value) => value === 'true'),
    SEND_WORKERS: z.coerce.number().int().min(0).max(256).default(8),
    SEND_JOB_RETRIES: z.coerce.number().int().min(0).max(100).default(10),
    EMULATOR_PORT: z.coerce.number().int().min(0).max(65535).default(3001),
    EMULATOR_HOST: z.string().min(1).default('127.0.0.1'),
    /** JSON of the emulator's fault settings, e.g. {"errorRate":0.2,"qpsLimit":5000}. */
    EMULATOR_FAULTS: z
      .string()
      .optional()
      .transform((raw, ctx) => {
        if (raw === undefined || raw.trim() === '') return {};
        try {
          return JSON.parse(raw) as unknown;
        } catch {
          ctx.addIssue({ code: 'custom', message: 'must be JSON' });
          return z.NEVER;
        }
      })
      .pipe(faultSettings),
    /** `npm run emulator` only: where its delivery receipts go (npm start sends them to its own /receipts). */
    EMULATOR_RECEIPT_URL: optionalText.pipe(z.url({ protocol: /^https?$/ }).optional()),
    EMULATOR_RECEIPT_USERNAME: optionalText,
    EMULATOR_RECEIPT_SECRET: optionalText,
    EMULATOR_RECEIPT_DELAY_MS: z.coerce.number().int().min(0).max(60_000).default(200),
    EMULATOR_APP_PACKAGE_NAME: z.string().trim().min(1).default('com.example.harmonypush'),
    EMULATOR_TEST_MESSAGES_PER_DAY: z.coerce.number().int().min(0).default(TEST_MESSAGES_PER_DAY),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    TOKEN_STALE_DAYS: days.default(60),
    TOKEN_EXPIRE_DAYS: days.default(270),
    SEND_RETENTION_DAYS: days.default(30)
  })
  .superRefine((env, ctx) => {
    const sources = [env.USER_JWT_JWKS_URL, env.USER_JWT_PUBLIC_KEY, env.USER_JWT_SECRET].filter(Boolean);
    if (sources.length > 1) {
      ctx.addIssue({
        code: 'custom',
        path: ['USER_JWT_JWKS_URL'],
        message: 'set only one of USER_JWT_JWKS_URL, USER_JWT_PUBLIC_KEY, USER_JWT_SECRET'
      });
    }
    if (env.HTTP_HEADERS_TIMEOUT_MS > env.HTTP_REQUEST_TIMEOUT_MS) {
      ctx.addIssue({ code: 'custom', path: ['HTTP_HEADERS_TIMEOUT_MS'], message: 'must not exceed HTTP_REQUEST_TIMEOUT_MS' });
    }
    if ((env.PUSHKIT_RECEIPT_USERNAME === undefined) !== (env.PUSHKIT_RECEIPT_SECRET === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: [env.PUSHKIT_RECEIPT_SECRET === undefined ? 'PUSHKIT_RECEIPT_SECRET' : 'PUSHKIT_RECEIPT_USERNAME'],
        message: 'set both PUSHKIT_RECEIPT_USERNAME and PUSHKIT_RECEIPT_SECRET, or neither'
      });
    }
    if (env.TOKEN_STALE_DAYS <= CLIENT_REFRESH_DAYS) {
      ctx.addIssue({
        code: 'custom',
        path: ['TOKEN_STALE_DAYS'],
        message: `must be longer than the app's refresh interval of ${CLIENT_REFRESH_DAYS} days (an app re-uploads an unchanged token only that often)`
      });
    }
    if (env.TOKEN_EXPIRE_DAYS <= env.TOKEN_STALE_DAYS) {
      ctx.addIssue({
        code: 'custom',
        path: ['TOKEN_EXPIRE_DAYS'],
        message: `must be longer than TOKEN_STALE_DAYS (${env.TOKEN_STALE_DAYS}): a token is stale before it expires`
      });
    }
    if (sources.length === 1) {
      for (const name of ['USER_JWT_ISSUER', 'USER_JWT_AUDIENCE'] as const) {
        if (env[name] === undefined) {
          ctx.addIssue({ code: 'custom', path: [name], message: 'is required when user binding is configured' });
        }
      }
    }
    if ((env.EMULATOR_RECEIPT_USERNAME === undefined) !== (env.EMULATOR_RECEIPT_SECRET === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: [env.EMULATOR_RECEIPT_SECRET === undefined ? 'EMULATOR_RECEIPT_SECRET' : 'EMULATOR_RECEIPT_USERNAME'],
        message: 'set both EMULATOR_RECEIPT_USERNAME and EMULATOR_RECEIPT_SECRET, or neither'
      });
    }
    if (env.EMULATOR_RECEIPT_USERNAME !== undefined && env.EMULATOR_RECEIPT_URL === undefined) {
      ctx.addIssue({ code: 'custom', path: ['EMULATOR_RECEIPT_URL'], message: 'is required with EMULATOR_RECEIPT_USERNAME' });
    }
  });

export type Env = z.output<typeof envSchema>;

export type UserJwtKey =
  | { kind: 'jwks'; url: string }
  | { kind: 'publicKey'; pem: string }
  | { kind: 'secret'; secret: string };

export interface UserJwtConfig {
  key: UserJwtKey;
  issuer: string;
  audience: string;
}

export interface PushKitConfig {
  /** Path of the AppGallery Connect service-account JSON; absent: the local emulator is the target. */
  serviceAccountFile?: string;
  /** Only used with a service account (the emulator brings its own URL). */
  baseUrl: string;
  concurrency: number;
  timeoutMs: number;
  maxAttempts: number;
  /** No batch is retried after this long since its first attempt. */
  retryWindowMs: number;
  /** The app's QPS threshold in AppGallery Connect, in tokens per second; 0: unknown, found by probing. */
  tokensPerSecond: number;
  /** The app's Client ID, for revoke; absent with a service account: revoke answers 501. */
  clientId?: string;
  /** False: Huawei treats every notification as MARKETING, and every alert send warns so. */
  selfClassification: boolean;
  emulatorPort: number;
}

/**
 * POST /receipts: the callback user name and secret configured for the receipt in AppGallery Connect. Without them
 * the route answers 404, unless unsigned receipts are explicitly allowed.
 */
export interface ReceiptConfig {
  credentials?: ReceiptCredentials;
  /** PUSHKIT_RECEIPTS_UNSIGNED=true without credentials: anyone who knows the URL can post receipts. */
  unsigned: boolean;
}

/** Bounds on slow or idle HTTP clients (see README, Configuration). */
export interface HttpLimits {
  /** The request line and headers must arrive within this. */
  headersTimeoutMs: number;
  /** The whole request, body included, must arrive within this. */
  requestTimeoutMs: number;
  /** An idle keep-alive connection is closed after this. */
  keepAliveTimeoutMs: number;
  /** Open connections per client address; 0: no cap. */
  maxConnectionsPerIp: number;
}

/** Where the emulator posts delivery receipts, and how they look. */
export interface EmulatorReceiptConfig {
  /** EMULATOR_RECEIPT_URL, for `npm run emulator`; absent there: no receipts. npm start posts to its own /receipts. */
  url?: string;
  /** EMULATOR_RECEIPT_USERNAME and EMULATOR_RECEIPT_SECRET; absent: callbacks go unsigned, as Huawei's do without them. */
  credentials?: ReceiptCredentials;
  /** Receipts wait this long, so those of several requests share a callback. */
  delayMs: number;
  appPackageName: string;
}

/** The local Push Kit emulator (`npm run emulator`, or started by the server without a service account). */
export interface EmulatorConfig {
  port: number;
  host: string;
  faults: Faults;
  receipts: EmulatorReceiptConfig;
  /** Test requests a day (the day of testMessageDay in spec-choices.ts) before the emulator throttles test messages with receipt 256. */
  testMessagesPerDay: number;
}

/** The scheduled maintenance job: the stale sweep and retention (README, The token lifecycle). */
export interface MaintenanceConfig {
  /** An active token not seen (registered, or delivered to) for this long becomes stale. */
  tokenStaleDays: number;
  /** A token of any state not seen for this long is deleted. */
  tokenExpireDays: number;
  /** Per-token results, batch reports and orphaned receipts are kept this long after a send completed; counts for ever. */
  sendRetentionDays: number;
}

export interface Config {
  port: number;
  host: string;
  /** Absent: the embedded database under `dataDir` is used. */
  databaseUrl?: string;
  dataDir: string;
  appKeys: string[];
  adminKeys: string[];
  userJwt?: UserJwtConfig;
  rateLimitPerMinute: number;
  http: HttpLimits;
  logLevel: Env['LOG_LEVEL'];
  pushKit: PushKitConfig;
  receipts: ReceiptConfig;
  /** Broadcast batches this process sends at once; 0: an API-only process (workers run elsewhere). */
  sendWorkers: number;
  /** Attempts pg-boss makes at a failed broadcast job before the send is marked failed. */
  sendJobRetries: number;
  emulator: EmulatorConfig;
  maintenance: MaintenanceConfig;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n  ${problems.join('\n  ')}`);
    this.name = 'ConfigError';
  }
}

function userJwtConfig(env: Env): UserJwtConfig | undefined {
  const issuer = env.USER_JWT_ISSUER ?? '';
  const audience = env.USER_JWT_AUDIENCE ?? '';
  if (env.USER_JWT_JWKS_URL) return { key: { kind: 'jwks', url: env.USER_JWT_JWKS_URL }, issuer, audience };
  if (env.USER_JWT_PUBLIC_KEY) return { key: { kind: 'publicKey', pem: env.USER_JWT_PUBLIC_KEY }, issuer, audience };
  if (env.USER_JWT_SECRET) return { key: { kind: 'secret', secret: env.USER_JWT_SECRET }, issuer, audience };
  return undefined;
}

const credentialsOf = (userName: string | undefined, secret: string | undefined): ReceiptCredentials | undefined =>
  userName === undefined || secret === undefined ? undefined : { userName, secret };

/** Reads the environment once; every bad variable is named, none is echoed (they may be secrets). */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  }
  const env = parsed.data;
  return {
    port: env.PORT,
    host: env.HOST,
    databaseUrl: env.DATABASE_URL,
    dataDir: env.DATA_DIR,
    appKeys: env.APP_KEYS,
    adminKeys: env.ADMIN_KEYS,
    userJwt: userJwtConfig(env),
    rateLimitPerMinute: env.RATE_LIMIT_PER_MINUTE,
    http: {
      headersTimeoutMs: env.HTTP_HEADERS_TIMEOUT_MS,
      requestTimeoutMs: env.HTTP_REQUEST_TIMEOUT_MS,
      keepAliveTimeoutMs: env.HTTP_KEEP_ALIVE_TIMEOUT_MS,
      maxConnectionsPerIp: env.MAX_CONNECTIONS_PER_IP
    },
    logLevel: env.LOG_LEVEL,
    pushKit: {
      serviceAccountFile: env.PUSHKIT_SERVICE_ACCOUNT,
      baseUrl: env.PUSHKIT_BASE_URL,
      concurrency: env.PUSHKIT_CONCURRENCY,
      timeoutMs: env.PUSHKIT_TIMEOUT_MS,
      maxAttempts: env.PUSHKIT_MAX_ATTEMPTS,
      retryWindowMs: env.PUSHKIT_RETRY_WINDOW_MS,
      tokensPerSecond: env.PUSHKIT_TOKENS_PER_SECOND,
      clientId: env.PUSHKIT_CLIENT_ID,
      selfClassification: env.PUSHKIT_SELF_CLASSIFICATION,
      emulatorPort: env.EMULATOR_PORT
    },
    receipts: {
      ...(env.PUSHKIT_RECEIPT_USERNAME !== undefined && env.PUSHKIT_RECEIPT_SECRET !== undefined
        ? { credentials: { userName: env.PUSHKIT_RECEIPT_USERNAME, secret: env.PUSHKIT_RECEIPT_SECRET } }
        : {}),
      unsigned: env.PUSHKIT_RECEIPTS_UNSIGNED
    },
    sendWorkers: env.SEND_WORKERS,
    sendJobRetries: env.SEND_JOB_RETRIES,
    emulator: {
      port: env.EMULATOR_PORT,
      host: env.EMULATOR_HOST,
      faults: env.EMULATOR_FAULTS,
      receipts: {
        url: env.EMULATOR_RECEIPT_URL,
        credentials: credentialsOf(env.EMULATOR_RECEIPT_USERNAME, env.EMULATOR_RECEIPT_SECRET),
        delayMs: env.EMULATOR_RECEIPT_DELAY_MS,
        appPackageName: env.EMULATOR_APP_PACKAGE_NAME
      },
      testMessagesPerDay: env.EMULATOR_TEST_MESSAGES_PER_DAY
    },
    maintenance: {
      tokenStaleDays: env.TOKEN_STALE_DAYS,
      tokenExpireDays: env.TOKEN_EXPIRE_DAYS,
      sendRetentionDays: env.SEND_RETENTION_DAYS
    }
  };
}
