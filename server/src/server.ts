import closeWithGrace from 'close-with-grace';
import { loadConfig } from './config';
import { orExit } from './startup';
import { withDevelopmentKeys } from './dev-keys';
import { startService } from './service';

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
