import { generateKeyPairSync } from 'node:crypto';
import t from 'tap';
import { ConfigError, loadConfig } from '../src/config';

const problemsOf = (env: Record<string, string>): string[] => {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
};

t.test('defaults', async (t) => {
  const config = loadConfig({});
  t.match(config, {
    port: 3000,
    host: '0.0.0.0',
    databaseUrl: undefined,
    dataDir: './data',
    appKeys: [],
    adminKeys: [],
    userJwt: undefined,
    rateLimitPerMinute: 600,
    logLevel: 'info'
  });
});

t.test('the emulator’s receipts: where and how the standalone emulator posts them, and its test-message quota', async (t) => {
  const defaults = loadConfig({});
  t.same(defaults.emulator.receipts, { url: undefined, credentials: undefined, delayMs: 200, appPackageName: 'com.example.harmonypush' });
  t.equal(defaults.emulator.testMessagesPerDay, 1000);
  const config = loadConfig({
    EMULATOR_RECEIPT_URL: 'http://127.0.0.1:3000/receipts',
    EMULATOR_RECEIPT_USERNAME: 'emu-user',
    EMULATOR_RECEIPT_SECRET: 'ZW11',
    EMULATOR_RECEIPT_DELAY_MS: '0',
    EMULATOR_APP_PACKAGE_NAME: 'com.example.other',
    EMULATOR_TEST_MESSAGES_PER_DAY: '5'
  });
  t.same(config.emulator.receipts, {
    url: 'http://127.0.0.1:3000/receipts',
    credentials: { userName: 'emu-user', secret: 'ZW11' },
    delayMs: 0,
    appPackageName: 'com.example.other'
  });
  t.equal(config.emulator.testMessagesPerDay, 5);
});

t.test('the emulator’s receipt user name and secret come in pairs, with a URL; secrets are not echoed', async (t) => {
  const problems = problemsOf({ EMULATOR_RECEIPT_SECRET: 'another-secret', EMULATOR_RECEIPT_DELAY_MS: '-1' });
  t.same(problems.sort(), [
    'EMULATOR_RECEIPT_DELAY_MS: Too small: expected number to be >=0',
    'EMULATOR_RECEIPT_USERNAME: set both EMULATOR_RECEIPT_USERNAME and EMULATOR_RECEIPT_SECRET, or neither'
  ]);
  t.notMatch(problems.join('\n'), /another-secret/);
  t.same(problemsOf({ EMULATOR_RECEIPT_USERNAME: 'emu-user', EMULATOR_RECEIPT_SECRET: 'another-secret' }), [
    'EMULATOR_RECEIPT_URL: is required with EMULATOR_RECEIPT_USERNAME'
  ]);
  t.same(problemsOf({ EMULATOR_RECEIPT_URL: 'ftp://example.com/receipts' }).map((p) => p.split(':')[0]), ['EMULATOR_RECEIPT_URL']);
});

t.test('values are parsed', async (t) => {
  const config = loadConfig({
    PORT: '8080',
    HOST: '127.0.0.1',
    DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/test',
    DATA_DIR: '/var/lib/harmony-push',
    APP_KEYS: 'app-key-0123456789abcdef, second-app-key-0123456789',
    ADMIN_KEYS: 'admin-key-0123456789abcdef',
    USER_JWT_SECRET: 's'.repeat(32),
    USER_JWT_ISSUER: 'https://login.example',
    USER_JWT_AUDIENCE: 'my-app',
    RATE_LIMIT_PER_MINUTE: '0',
    LOG_LEVEL: 'warn'
  });
  t.match(config, {
    port: 8080,
    host: '127.0.0.1',
    databaseUrl: 'postgres://postgres@127.0.0.1:5432/test',
    appKeys: ['app-key-0123456789abcdef', 'second-app-key-0123456789'],
    adminKeys: ['admin-key-0123456789abcdef'],
    userJwt: { key: { kind: 'secret' }, issuer: 'https://login.example', audience: 'my-app' },
    rateLimitPerMinute: 0,
    logLevel: 'warn'
  });
});

t.test('a PEM public key may be given with escaped newlines', async (t) => {
  const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const pem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  const config = loadConfig({
    USER_JWT_PUBLIC_KEY: pem.replace(/\n/g, '\\n'),
    USER_JWT_ISSUER: 'iss',
    USER_JWT_AUDIENCE: 'aud'
  });
  t.equal(config.userJwt?.key.kind, 'publicKey');
});

t.test('every bad value is named, and secrets are not echoed', async (t) => {
  const problems = problemsOf({
    PORT: 'eighty',
    DATABASE_URL: 'mysql://db',
    APP_KEYS: 'short',
    RATE_LIMIT_PER_MINUTE: '-1',
    LOG_LEVEL: 'loud'
  });
  for (const name of ['PORT', 'DATABASE_URL', 'APP_KEYS', 'RATE_LIMIT_PER_MINUTE', 'LOG_LEVEL']) {
    t.ok(problems.some((problem) => problem.startsWith(`${name}:`)), `${name} is named`);
  }
  t.notOk(problems.join('\n').includes('short'), 'the rejected key is not printed');
});

t.test('user binding needs exactly one key source, an issuer and an audience', async (t) => {
  t.same(
    problemsOf({ USER_JWT_SECRET: 's'.repeat(32) }).map((p) => p.split(':')[0]).sort(),
    ['USER_JWT_AUDIENCE', 'USER_JWT_ISSUER']
  );
  t.ok(
    problemsOf({
      USER_JWT_SECRET: 's'.repeat(32),
      USER_JWT_JWKS_URL: 'https://login.example/jwks',
      USER_JWT_ISSUER: 'i',
      USER_JWT_AUDIENCE: 'a'
    }).some((p) => p.includes('only one')),
    'two key sources are refused'
  );
  t.ok(problemsOf({ USER_JWT_SECRET: 'too-short', USER_JWT_ISSUER: 'i', USER_JWT_AUDIENCE: 'a' })[0].startsWith('USER_JWT_SECRET:'));
  t.ok(
    problemsOf({ USER_JWT_PUBLIC_KEY: '-----BEGIN PUBLIC KEY-----\nnope\n-----END PUBLIC KEY-----', USER_JWT_ISSUER: 'i', USER_JWT_AUDIENCE: 'a' })[0].startsWith('USER_JWT_PUBLIC_KEY:'),
    'a PEM that does not parse'
  );
});

t.test('receipt credentials: both or neither; unsigned receipts only when asked', async (t) => {
  t.same(loadConfig({}).receipts, { unsigned: false });
  t.same(loadConfig({ PUSHKIT_RECEIPT_USERNAME: 'user', PUSHKIT_RECEIPT_SECRET: 'c2VjcmV0' }).receipts, {
    credentials: { userName: 'user', secret: 'c2VjcmV0' },
    unsigned: false
  });
  t.same(loadConfig({ PUSHKIT_RECEIPTS_UNSIGNED: 'true' }).receipts, { unsigned: true });
  t.match(problemsOf({ PUSHKIT_RECEIPT_USERNAME: 'user' }), [/^PUSHKIT_RECEIPT_SECRET: set both/]);
  t.match(problemsOf({ PUSHKIT_RECEIPT_SECRET: 'c2VjcmV0' }), [/^PUSHKIT_RECEIPT_USERNAME: set both/]);
  t.match(problemsOf({ PUSHKIT_RECEIPTS_UNSIGNED: 'yes' }), [/^PUSHKIT_RECEIPTS_UNSIGNED: /]);
  t.notOk(problemsOf({ PUSHKIT_RECEIPT_USERNAME: 'user', PUSHKIT_RECEIPT_SECRET: 'a-secret-value' }).join().includes('a-secret-value'), 'never echoed');
});

t.test('the Client ID for revoke and the self-classification right', async (t) => {
  t.match(loadConfig({}).pushKit, { clientId: undefined, selfClassification: false });
  t.match(loadConfig({ PUSHKIT_CLIENT_ID: ' 6917559231541520893 ', PUSHKIT_SELF_CLASSIFICATION: 'true' }).pushKit, {
    clientId: '6917559231541520893',
    selfClassification: true
  });
  const problems = problemsOf({ PUSHKIT_CLIENT_ID: 'a/b', PUSHKIT_SELF_CLASSIFICATION: 'yes' });
  for (const name of ['PUSHKIT_CLIENT_ID', 'PUSHKIT_SELF_CLASSIFICATION']) {
    t.ok(problems.some((problem) => problem.startsWith(`${name}:`)), `${name} is named`);
  }
});

t.test('the token lifecycle and retention periods: defaults, and values that cannot work are refused', async (t) => {
  t.match(loadConfig({}).maintenance, { tokenStaleDays: 60, tokenExpireDays: 270, sendRetentionDays: 30 });
  t.match(loadConfig({ TOKEN_STALE_DAYS: '31', TOKEN_EXPIRE_DAYS: '32', SEND_RETENTION_DAYS: '1' }).maintenance, {
    tokenStaleDays: 31,
    tokenExpireDays: 32,
    sendRetentionDays: 1
  });

  const stale = problemsOf({ TOKEN_STALE_DAYS: '30' });
  t.equal(stale.length, 1, stale.join('\n'));
  t.match(stale[0], /^TOKEN_STALE_DAYS: .*longer than the app's refresh interval of 30 days/, 'the client re-uploads every 30 days');
  t.match(problemsOf({ TOKEN_STALE_DAYS: '7' })[0], /^TOKEN_STALE_DAYS:/);

  const expire = problemsOf({ TOKEN_STALE_DAYS: '90', TOKEN_EXPIRE_DAYS: '90' });
  t.equal(expire.length, 1, expire.join('\n'));
  t.match(expire[0], /^TOKEN_EXPIRE_DAYS: .*longer than TOKEN_STALE_DAYS \(90\)/);
  t.match(problemsOf({ TOKEN_EXPIRE_DAYS: '59' })[0], /^TOKEN_EXPIRE_DAYS:/, 'against the default stale period too');

  for (const [name, value] of [
    ['SEND_RETENTION_DAYS', '0'],
    ['SEND_RETENTION_DAYS', 'a month'],
    ['TOKEN_STALE_DAYS', '60.5'],
    ['TOKEN_EXPIRE_DAYS', '-1']
  ]) {
    t.ok(problemsOf({ [name]: value }).some((problem) => problem.startsWith(`${name}:`)), `${name}=${value} is refused`);
  }
});
