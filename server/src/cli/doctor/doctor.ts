import { Command } from 'commander';
import { action } from '../context';
import { ExitCode } from '../exit-codes';
import type { CliIo, Output } from '../io';
import { CheckStatus, skip, type CheckResult } from './check';
import { checkConfiguration } from './configuration';
import { checkDatabase, DATABASE } from './database';
import { checkJwtSigning, JWT_SIGNING } from './jwt';
import { checkPushKit, CLOCK, PUSH_KIT } from './push-kit';
import { checkReceipts, RECEIPTS } from './receipts';
import { checkServiceAccount, SERVICE_ACCOUNT } from './service-account';

/** Every check, in the order they depend on each other; those after a failed configuration are skipped. */
export async function runChecks(env: NodeJS.ProcessEnv): Promise<CheckResult[]> {
  const configuration = checkConfiguration(env);
  const { config } = configuration;
  if (!config) {
    const skipped = 'the configuration does not load';
    return [configuration.result, ...[SERVICE_ACCOUNT, JWT_SIGNING, PUSH_KIT, CLOCK, DATABASE, RECEIPTS].map((check) => skip(check, skipped))];
  }
  const serviceAccount = await checkServiceAccount(config);
  const [jwt, pushKit, database] = await Promise.all([
    checkJwtSigning(serviceAccount.account),
    checkPushKit(config, serviceAccount.huawei),
    checkDatabase(config)
  ]);
  return [configuration.result, serviceAccount.result, jwt, ...pushKit, database, checkReceipts(config.receipts, serviceAccount.huawei)];
}

const WIDTH = Math.max(...[SERVICE_ACCOUNT, JWT_SIGNING, PUSH_KIT, CLOCK, DATABASE, RECEIPTS, 'configuration'].map((name) => name.length));

/** One line a check: status, check, what was found, and for warn and fail, how to fix it. */
export function printChecks(out: Output, results: CheckResult[]): void {
  for (const result of results) {
    const fix = result.fix ? ` Fix: ${result.fix}` : '';
    out.line(`${result.status.padEnd(4)}  ${result.check.padEnd(WIDTH)}  ${result.message}.${fix}`);
  }
}

/** `doctor`: what is wrong with this machine's set-up, and how to fix it, from the same environment `npm start` reads. */
export function doctorCommand(io: CliIo, exit: { code: ExitCode }): Command {
  return new Command('doctor')
    .description('check the configuration, service account, clock, JWT signing, Push Kit, database and receipts; say how to fix what fails')
    .action(
      action<object, []>(io, exit, async ({ out }) => {
        const results = await runChecks(io.env);
        const failed = results.some((result) => result.status === CheckStatus.FAIL);
        out.data({ ok: !failed, checks: results });
        printChecks(out, results);
        return failed ? ExitCode.FAILED : ExitCode.OK;
      })
    );
}
