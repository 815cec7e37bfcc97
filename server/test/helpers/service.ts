import { Writable } from 'node:stream';
import type { Test } from 'tap';
import type { FastifyInstance } from 'fastify';
import { loadConfig, type Config } from '../../src/config';
import { startService, type Service } from '../../src/service';
import { createTestDatabase, type TestDatabase } from './database';
import { startTestEmulator } from './pushkit';
import type { EmulatorOptions } from '../../src/emulator/app';
import type { PushKitOptions } from '../../src/pushkit/plugin';

export const APP_KEY = 'app-key-for-tests-0123456789';
export const ADMIN_KEY = 'admin-key-for-tests-0123456789';

/** Every log line the service wrote, parsed; tests assert on them (e.g. that no secret leaks). */
export class LogCapture extends Writable {
  readonly lines: string[] = [];
  override _write(chunk: Buffer, _encoding: BufferEncoding, done: () => void): void {
    this.lines.push(...chunk.toString('utf8').split('\n').filter((line) => line.length > 0));
    done();
  }
  text(): string {
    return this.lines.join('\n');
  }
}

export interface TestService {
  app: FastifyInstance;
  /** As the service resolved it (development receipt credentials filled in). */
  config: Config;
  db: TestDatabase;
  logs: LogCapture;
  /** The Push Kit emulator the service sends to (no service account is configured in tests). */
  emulator: FastifyInstance;
  /** Its service account and URL, for other processes that must send there too. */
  pushKit: PushKitOptions;
  /** Starts listening on a loopback port (for clients that need real HTTP) and returns its base URL. */
  listen(): Promise<string>;
  /** Closes the service early (restart tests); teardown then only drops the database. */
  close(): Promise<void>;
}

export function testConfig(db: TestDatabase, env: Record<string, string> = {}): Config {
  return loadConfig({
    APP_KEYS: APP_KEY,
    ADMIN_KEYS: ADMIN_KEY,
    RATE_LIMIT_PER_MINUTE: '0',
    PUSHKIT_TOKENS_PER_SECOND: '1000000',
    EMULATOR_PORT: '0',
    LOG_LEVEL: 'info',
    DATA_DIR: db.dataDir,
    ...(db.databaseUrl ? { DATABASE_URL: db.databaseUrl } : {}),
    ...env
  });
}

/**
 * The whole service on this test file's own fresh database (embedded, or real PostgreSQL when
 * DATABASE_URL is set), closed and dropped at teardown. `env` overrides configuration variables;
 * `emulatorOptions` gives the service an emulator set up by the test instead of its own. Its own emulator posts no
 * delivery receipts, so nothing stored changes under a test that is not about them: see startTestServiceWithReceipts.
 */
export function startTestService(
  t: Test,
  env: Record<string, string> = {},
  db?: TestDatabase,
  emulatorOptions?: Partial<EmulatorOptions>
): Promise<TestService> {
  return start(t, env, db, emulatorOptions, false);
}

/** The service as npm start runs it: its own emulator posts delivery receipts to its POST /receipts. */
export function startTestServiceWithReceipts(t: Test, env: Record<string, string> = {}, db?: TestDatabase): Promise<TestService> {
  return start(t, env, db, undefined, true);
}

async function start(
  t: Test,
  env: Record<string, string>,
  db: TestDatabase | undefined,
  emulatorOptions: Partial<EmulatorOptions> | undefined,
  emulatorReceipts: boolean
): Promise<TestService> {
  const database = db ?? (await createTestDatabase());
  const config = testConfig(database, env);
  const logs = new LogCapture();
  const own = emulatorOptions ? await startTestEmulator(t, emulatorOptions) : undefined;
  let service: Service | undefined = await startService(config, { logStream: logs, pushKit: own?.pushKit, emulatorReceipts });
  const close = async () => {
    const running = service;
    service = undefined;
    await running?.close();
  };
  t.teardown(async () => {
    await close();
    if (!db) await database.drop();
  });
  return {
    app: service.app,
    config: service.config,
    db: database,
    logs,
    emulator: own?.emulator ?? (service.emulator as FastifyInstance),
    pushKit: own?.pushKit ?? service.pushKit,
    async listen() {
      const address = await (service as Service).app.listen({ port: 0, host: '127.0.0.1' });
      return address;
    },
    close
  };
}
