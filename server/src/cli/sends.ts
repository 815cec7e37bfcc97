import { Command } from 'commander';
import { SendState } from '@harmony-push/shared';
import { action } from './context';
import { ExitCode } from './exit-codes';
import { printRevoke, printSend } from './format';
import type { CliIo } from './io';

/** `sends show|cancel|revoke <id>`: one send's outcome, stopping a broadcast, revoking what was shown. */
export function sendsCommand(io: CliIo, exit: { code: ExitCode }): Command {
  const sends = new Command('sends').description('look at a send, cancel a broadcast, or revoke what a send showed');
  sends
    .command('show')
    .description('a send and its outcome: state, counts, delivery receipts, configuration errors (GET /sends/:id)')
    .argument('<id>', 'the sendId that send printed')
    .action(
      action<object, [string]>(io, exit, async ({ out, client }, id) => {
        const send = await (await client()).getSend(id);
        out.data(send);
        printSend(out, send);
        return send.state === SendState.FAILED ? ExitCode.FAILED : ExitCode.OK;
      })
    );
  sends
    .command('cancel')
    .description('stop a running broadcast between batches; a finished send is left as it is (POST /sends/:id/cancel)')
    .argument('<id>', 'the sendId')
    .action(
      action<object, [string]>(io, exit, async ({ out, client }, id) => {
        const send = await (await client()).cancelSend(id);
        out.data(send);
        printSend(out, send);
      })
    );
  sends
    .command('revoke')
    .description("withdraw a send's notification from the devices that got it (POST /sends/:id/revoke; alerts and extensions)")
    .argument('<id>', 'the sendId')
    .action(
      action<object, [string]>(io, exit, async ({ out, client }, id) => {
        const revoke = await (await client()).revokeSend(id);
        out.data(revoke);
        printRevoke(out, revoke);
        return revoke.failed > 0 ? ExitCode.FAILED : ExitCode.OK;
      })
    );
  return sends;
}
