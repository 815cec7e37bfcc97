import { Command, CommanderError, Option } from 'commander';
import { DEFAULT_TIMEOUT_MS } from './connection';
import { doctorCommand } from './doctor/doctor';
import { emulatorCommand } from './emulator';
import { CliError, ExitCode, usageError } from './exit-codes';
import type { CliIo } from './io';
import { quotaCommand } from './quota';
import { sendCommand } from './send';
import { sendsCommand } from './sends';
import { tokensCommand } from './tokens';

const EXIT_CODES_HELP = `
Exit codes:
  0  done (doctor: no check failed)
  1  failed: a doctor check failed, a send ended failed, a revoke failed for some tokens
  2  usage: the command line is wrong, or --file cannot be read
  3  refused: the server answered 4xx (or, with --dry-run, the server's own rules refused the request)
  4  unavailable: the server cannot be reached, timed out, or answered 5xx

Environment:
  HARMONY_PUSH_URL        the server (default http://127.0.0.1:$PORT, PORT defaulting to 3000)
  HARMONY_PUSH_ADMIN_KEY  an admin key (default: the first of ADMIN_KEYS, else the development key in DATA_DIR)
  doctor and emulator read the server's own variables (README, Configuration).`;

function timeoutMs(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number <= 0) throw usageError(`--timeout must be a positive number of milliseconds: ${value}`);
  return number;
}

/** `harmony-push`: the commands, each recording the exit code it ends with in `exit`. */
export function buildProgram(io: CliIo, exit: { code: ExitCode }): Command {
  const program = new Command('harmony-push')
    .description('Operate a harmony-push server from the command line: send, look at sends and tokens, run the emulator, check the set-up.')
    .option('--server <url>', 'the server (env HARMONY_PUSH_URL; default http://127.0.0.1:3000)')
    .option('--admin-key <key>', 'an admin key (env HARMONY_PUSH_ADMIN_KEY; default: ADMIN_KEYS or the development key)')
    .addOption(new Option('--timeout <ms>', 'how long to wait for the server').argParser(timeoutMs).default(DEFAULT_TIMEOUT_MS))
    .option('--json', 'print the result as JSON, for scripts (errors too, with their exit code)')
    .addHelpText('after', EXIT_CODES_HELP)
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .exitOverride()
    .showHelpAfterError('(add --help for usage)');
  for (const command of [sendCommand, sendsCommand, tokensCommand, quotaCommand, emulatorCommand, doctorCommand]) {
    program.addCommand(command(io, exit));
  }
  // Subcommands throw (not exit) on usage errors, and write where the program writes.
  const inherit = (command: Command) => {
    command.exitOverride().configureOutput({ writeOut: io.stdout, writeErr: io.stderr }).showHelpAfterError('(add --help for usage)');
    command.commands.forEach(inherit);
  };
  program.commands.forEach(inherit);
  return program;
}

/** A failure told to people on stderr, or as JSON on stdout with `--json`. */
function report(error: CliError, io: CliIo, json: boolean): void {
  if (json) {
    io.stdout(JSON.stringify({ ...error.body, exitCode: error.exitCode }, null, 2) + '\n');
    return;
  }
  const lines = [`error: ${error.body.message}`, ...(error.body.details ?? []).map((detail) => `  ${detail.path}: ${detail.message}`), ...error.hints];
  io.stderr(lines.join('\n') + '\n');
}

/** Runs `harmony-push` with `argv` (the arguments after the program name) and returns its exit code. */
export async function runCli(argv: string[], io: CliIo): Promise<ExitCode> {
  const exit = { code: ExitCode.OK };
  const program = buildProgram(io, exit);
  const json = argv.includes('--json');
  try {
    await program.parseAsync(argv, { from: 'user' });
    return exit.code;
  } catch (error) {
    if (error instanceof CommanderError) {
      return ['commander.helpDisplayed', 'commander.version'].includes(error.code) ? ExitCode.OK : ExitCode.USAGE;
    }
    if (error instanceof CliError) {
      report(error, io, json);
      return error.exitCode;
    }
    throw error;
  }
}
