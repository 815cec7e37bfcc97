import closeWithGrace from 'close-with-grace';
import { loadConfig } from './config';
import { listenOn, orExit } from './startup';
import { withDevelopmentKeys } from './dev-keys';
import { startService } from './service';

const settings = await orExit(() => loadConfig());
const config = await orExit(() => withDevelopmentKeys(settings, (line) => console.log(line)), settings);
const service = await orExit(() => startService(config), config);

closeWithGrace({ delay: 10_000 }, async ({ signal, err }) => {
  if (err) service.app.log.error({ err }, 'closing after an uncaught error');
  else service.app.log.info({ signal }, 'shutting down: draining requests');
  await service.close();
});

// Nothing stays half-started: when PORT cannot be had, the emulator and the database close before the message.
const address = await orExit(
  () =>
    listenOn(service.app, { port: config.port, host: config.host, portVariable: 'PORT', hostVariable: 'HOST' }).catch(async (error: unknown) => {
      await service.close();
      throw error;
    }),
  config
);
const emulator = service.emulator?.listeningOrigin;
service.app.log.info(
  {
    database: config.databaseUrl ? 'postgresql' : `embedded (${config.dataDir})`,
    pushKit: emulator ? `local emulator at ${emulator}` : config.pushKit.baseUrl
  },
  `harmony-push listening on ${address}; console at ${address}/console; API docs at ${address}/docs`
);
