import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Command, Option } from 'commander';
import { DEVICE_TYPES, NotificationCategory, SendState, type SendRequest } from '@harmony-push/shared';
import { action } from './context';
import { ExitCode, usageError } from './exit-codes';
import { printSend } from './format';
import type { CliIo } from './io';
import { checkSendRequest, maskedRequest, PUSH_TYPE_NAMES, pushTypeName, requestBody, type SendFlags } from './send-request';

interface SendCommandFlags extends SendFlags {
  file?: string;
  dryRun?: boolean;
  idempotencyKey?: string;
}

const collect = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value];

function seconds(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 0) throw usageError(`not a whole number of seconds: ${value}`);
  return number;
}

async function readRequestFile(file: string, io: CliIo): Promise<string> {
  if (file === '-') return io.stdin();
  try {
    return await readFile(path.resolve(io.cwd, file), 'utf8');
  } catch (error) {
    throw usageError(`--file ${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
}

/** `send`: `POST /send` from a JSON file or from flags; `--dry-run` checks it with the server's own schema, offline. */
export function sendCommand(io: CliIo, exit: { code: ExitCode }): Command {
  return new Command('send')
    .description('send a message (POST /send): from a JSON file shaped like the API body, or from flags for an alert')
    .option('-f, --file <path>', 'the request body as JSON (SendRequest); - reads standard input')
    .option('--dry-run', "check the request with the server's own rules and print what the API would answer, sending nothing")
    .option('--push-type <type>', `push-type, by name or number: ${Object.keys(PUSH_TYPE_NAMES).join(', ')} (default: alert)`)
    .option('--title <text>', 'notification title (alert, extension)')
    .option('--body <text>', 'notification body (alert, extension)')
    .addOption(new Option('--category <category>', 'notification category (alert, extension)').choices(Object.values(NotificationCategory)))
    .option('--data <text>', 'extraData (extension, background)')
    .option('--test-message', 'pushOptions.testMessage: a test message (Huawei allows 1000 a day)')
    .option('--ttl <seconds>', 'pushOptions.ttl: how long Push Kit keeps it for an offline device', seconds)
    .option('--token <token>', 'send to this push token (repeat for more)', collect)
    .option('--user <userId>', "send to this user's active tokens (repeat for more)", collect)
    .addOption(new Option('--device-type <type...>', 'send to active tokens of these device types').choices(DEVICE_TYPES))
    .option('--all', 'send to every active token (a broadcast)')
    .option('--idempotency-key <key>', 'the same key within 24 h returns the stored send and sends nothing again')
    .action(
      action<SendCommandFlags, []>(io, exit, async ({ flags, out, client }) => {
        const fileText = flags.file === undefined ? undefined : await readRequestFile(flags.file, io);
        const body = requestBody(fileText, flags);
        if (flags.dryRun) {
          const request: SendRequest = checkSendRequest(body);
          const shown = maskedRequest(request);
          out.data({ valid: true, request: shown });
          out.line(`valid: a ${pushTypeName(request.pushType)} message to ${JSON.stringify(shown.target)}; nothing was sent (--dry-run)`);
          return;
        }
        const send = await (await client()).send(body as SendRequest, flags.idempotencyKey);
        out.data(send);
        printSend(out, send);
        if (send.state === SendState.QUEUED || send.state === SendState.SENDING) {
          out.line(`a broadcast: follow it with harmony-push sends show ${send.sendId}, stop it with harmony-push sends cancel ${send.sendId}`);
        }
        return send.state === SendState.FAILED ? ExitCode.FAILED : ExitCode.OK;
      })
    );
}
