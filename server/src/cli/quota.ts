import { Command } from 'commander';
import { action } from './context';
import type { ExitCode } from './exit-codes';
import type { CliIo } from './io';

/** `quota`: today's test messages against Huawei's daily 1000 (GET /quota). */
export function quotaCommand(io: CliIo, exit: { code: ExitCode }): Command {
  return new Command('quota').description("today's test messages against Huawei's daily quota (GET /quota)").action(
    action<object, []>(io, exit, async ({ out, client }) => {
      const quota = await (await client()).quota();
      out.data(quota);
      const { day, used, limit } = quota.testMessages;
      out.line(`test messages on ${day}: ${used} of ${limit} used, ${Math.max(limit - used, 0)} left`);
    })
  );
}
