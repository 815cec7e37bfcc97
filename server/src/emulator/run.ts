import closeWithGrace from 'close-with-grace';
import { ConfigError, loadConfig } from '../config';
import { buildEmulator, configuredOptions, emulatorIdentity } from './app';
import { loadOrCreateDevServiceAccount } from './dev-service-account';
import { httpReceiptPost } from './receipts';
import { EMULATOR_PORT_SETTING, listenOn, orExit } from '../startup';

/**
 * The Push Kit emulator alone, configured like the server (EMULATOR_*, DATA_DIR, LOG_LEVEL) from `env`, until a
 * signal stops it: `npm run emulator` and `harmony-push emulator`. Its delivery receipts go to EMULATOR_RECEIPT_URL,
 * signed with EMULATOR_RECEIPT_USERNAME and EMULATOR_RECEIPT_SECRET.
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
  const receipts = config.emulator.receipts;
  const emulator = await buildEmulator({
    ...emulatorIdentity(dev.account),
    ...(config.pushKit.clientId === undefined ? {} : { clientId: config.pushKit.clientId }),
    ...configuredOptions(config.emulator, receipts.url === undefined ? undefined : { post: httpReceiptPost(receipts.url), credentials: receipts.credentials }),
    logLevel: config.logLevel
  });

  closeWithGrace({ delay: 5_000 }, async () => {
    await emulator.close();
  });

  const { port, host } = config.emulator;
  const address = await orExit(() => listenOn(emulator, { port, host, hostVariable: 'EMULATOR_HOST', ...EMULATOR_PORT_SETTING }), context);
  emulator.log.info(
    {
      serviceAccount: dev.file,
      created: dev.created,
      projectId: dev.account.projectId,
      receipts: receipts.url === undefined ? 'none (set EMULATOR_RECEIPT_URL)' : { url: receipts.url, signed: receipts.credentials !== undefined }
    },
    `Push Kit emulator listening on ${address}: POST ${address}/v3/${dev.account.projectId}/messages:send`
  );
}
