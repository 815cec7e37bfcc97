import { ConfigError, loadConfig, type Config } from '../../config';
import { maskedDatabaseUrl, dataDirVariable } from '../../startup';
import { fail, ok, type CheckResult } from './check';

export const CONFIGURATION = 'configuration';

/** The environment read by the server's own loader: the same variables, rules and messages as `npm start`. */
export function checkConfiguration(env: NodeJS.ProcessEnv): { result: CheckResult; config?: Config } {
  let config: Config;
  try {
    config = loadConfig(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return {
      result: fail(
        CONFIGURATION,
        `the server would not start: ${error.problems.join('; ')}`,
        'Correct the variables named (README, Configuration lists each one with its rule), then run doctor again.'
      )
    };
  }
  const database = config.databaseUrl ? `PostgreSQL at DATABASE_URL=${maskedDatabaseUrl(config.databaseUrl)}` : `the embedded database in ${dataDirVariable(config.dataDir)}`;
  const pushKit = config.pushKit.serviceAccountFile ? `Huawei Push Kit at ${config.pushKit.baseUrl}` : 'the local Push Kit emulator';
  const keys = config.adminKeys.length > 0 ? `${config.adminKeys.length} admin key(s)` : 'development keys (no ADMIN_KEYS)';
  return { result: ok(CONFIGURATION, `loads as the server loads it: ${database}, sends to ${pushKit}, ${keys}`), config };
}
