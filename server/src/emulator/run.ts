import closeWithGrace from 'close-with-grace';
import { ConfigError, loadConfig } from '../config';
import { buildEmulator, emulatorIdentity } from './app';
import { loadOrCreateDevServiceAccount } from './dev-service-account';
import { EMULATOR_PORT_SETTING, listenOn, orExit } from '../startup';

/**
 * The Push Kit emulator alone, configured like the server (EMULATOR_*, DATA_DIR, LOG_LEVEL) from `env`, until a
 * signal stops it: `npm run emulator` and `harmony-push emulator`.
 */
export async function runEmulator(env: NodeJS.ProcessEnv): Promise<void> {
  let config;
  try {
    config = loadConfig(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(1);
  }

  const context = { dataDir: config.dataDir };
  const dev = await orExit(() => loadOrCreateDevServiceAccount(config.dataDir), context);
  const emulator = await buildEmulator({
    ...emulatorIdentity(dev.account),
    ...(config.pushKit.clientId === undefined ? {} : { clientId: config.pushKit.clientId }),
    faults: config.emulator.faults,
    logLevel: config.logLevel
  });

  closeWithGrace({ delay: 5_000 }, async () => {
    await emulator.close();
  });

  const { port, host } = config.emulator;
  const address = await orExit(() => listenOn(emulator, { port, host, hostVariable: 'EMULATOR_HOST', ...EMULATOR_PORT_SETTING }), context);
  emulator.log.info(
    { serviceAccount: dev.file, created: dev.created, projectId: dev.account.projectId },
    `Push Kit emulator listening on ${address}: POST ${address}/v3/${dev.account.projectId}/messages:send`
  );
}
