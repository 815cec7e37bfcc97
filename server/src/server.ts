import closeWithGrace from 'close-with-grace';
import { ConfigError, loadConfig } from './config';
import { ServiceAccountError } from './pushkit/service-account';
import { withDevelopmentKeys } from './dev-keys';
import { startService } from './service';

/** A configuration or key-file problem ends start-up with its message alone: it names what to fix. */
async function orExit<T>(step: () => Promise<T> | T): Promise<T> {
  try {
    return await step();
  } catch (error) {
    if (error instanceof ConfigError || error instanceof ServiceAccountError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}

const config = await withDevelopmentKeys(await orExit(() => loadConfig()), (line) => console.log(line));
const service = await orExit(() => startService(config));

closeWithGrace({ delay: 10_000 }, async ({ signal, err }) => {
  if (err) service.app.log.error({ err }, 'closing after an uncaught error');
  else service.app.log.info({ signal }, 'shutting down: draining requests');
  await service.close();
});

const address = await service.app.listen({ port: config.port, host: config.host });
const emulator = service.emulator?.listeningOrigin;
service.app.log.info(
  {
    database: config.databaseUrl ? 'postgresql' : `embedded (${config.dataDir})`,
    pushKit: emulator ? `local emulator at ${emulator}` : config.pushKit.baseUrl
  },
  `harmony-push listening on ${address}; API docs at ${address}/docs`
);
