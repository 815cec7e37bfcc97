import closeWithGrace from 'close-with-grace';
import { z } from 'zod';
import { buildEmulator, emulatorIdentity } from './app';
import { loadOrCreateDevServiceAccount } from './dev-service-account';
import { faultSettings } from './faults';
import { EMULATOR_PORT_SETTING, listenOn, orExit } from '../startup';

/** `npm run emulator`: the Push Kit emulator alone. */
const env = z
  .object({
    EMULATOR_PORT: z.coerce.number().int().min(0).max(65535).default(3001),
    EMULATOR_HOST: z.string().min(1).default('127.0.0.1'),
    DATA_DIR: z.string().min(1).default('./data'),
    /** JSON of the fault settings, e.g. {"errorRate":0.2,"qpsLimit":50}. */
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
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info')
  })
  .safeParse(process.env);

if (!env.success) {
  console.error(`invalid configuration:\n  ${env.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('\n  ')}`);
  process.exit(1);
}
const config = env.data;

const context = { dataDir: config.DATA_DIR };
const dev = await orExit(() => loadOrCreateDevServiceAccount(config.DATA_DIR), context);
const emulator = await buildEmulator({ ...emulatorIdentity(dev.account), faults: config.EMULATOR_FAULTS, logLevel: config.LOG_LEVEL });

closeWithGrace({ delay: 5_000 }, async () => {
  await emulator.close();
});

const address = await orExit(
  () => listenOn(emulator, { port: config.EMULATOR_PORT, host: config.EMULATOR_HOST, hostVariable: 'EMULATOR_HOST', ...EMULATOR_PORT_SETTING }),
  context
);
emulator.log.info(
  { serviceAccount: dev.file, created: dev.created, projectId: dev.account.projectId },
  `Push Kit emulator listening on ${address}: POST ${address}/v3/${dev.account.projectId}/messages:send`
);
