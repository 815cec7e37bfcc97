import closeWithGrace from 'close-with-grace';
import { ConfigError, loadConfig, type Config } from './config';
import { DEV_CLIENT_ID } from './emulator/app';
import { loadOrCreateDevServiceAccount } from './emulator/dev-service-account';
import { pushKitOptions, startService } from './service';
import { orExit } from './startup';

/**
 * `npm run worker`: broadcast workers without the HTTP API, on the PostgreSQL the API uses. Without a service
 * account they send to the emulator of the API process (same DATA_DIR, EMULATOR_PORT).
 */
async function start(config: Config) {
  if (config.databaseUrl === undefined) {
    throw new ConfigError(['DATABASE_URL: npm run worker needs the PostgreSQL the API uses (the embedded database belongs to the API process)']);
  }
  if (config.sendWorkers === 0) throw new ConfigError(['SEND_WORKERS: a worker process needs at least 1']);
  const pushKit = config.pushKit.serviceAccountFile
    ? undefined
    : pushKitOptions(
        config,
        (await loadOrCreateDevServiceAccount(config.dataDir)).account,
        `http://127.0.0.1:${config.pushKit.emulatorPort}`,
        config.pushKit.clientId ?? DEV_CLIENT_ID
      );
  return startService(config, { pushKit });
}

const config = await orExit(() => loadConfig());
const service = await orExit(() => start(config), config);
closeWithGrace({ delay: 30_000 }, async ({ signal, err }) => {
  if (err) service.app.log.error({ err }, 'closing after an uncaught error');
  else service.app.log.info({ signal }, 'worker shutting down: finishing the batches in hand');
  await service.close();
});
service.app.log.info('harmony-push worker running');
