import path from 'node:path';
import { Command } from 'commander';
import { runEmulator } from '../emulator/run';
import { action } from './context';
import { usageError, type ExitCode } from './exit-codes';
import type { CliIo } from './io';

interface EmulatorFlags {
  port?: string;
  host?: string;
  dataDir?: string;
}

/** `emulator`: the local Push Kit emulator, as `npm run emulator` runs it; the flags override its variables. */
export function emulatorCommand(io: CliIo, exit: { code: ExitCode }): Command {
  return new Command('emulator')
    .description('run the local Push Kit emulator (like npm run emulator) until Ctrl+C; configured by EMULATOR_* and DATA_DIR')
    .option('--port <port>', 'EMULATOR_PORT (default 3001; 0 picks a free one)')
    .option('--host <host>', 'EMULATOR_HOST (default 127.0.0.1)')
    .option('--data-dir <dir>', 'DATA_DIR, where its development service account is kept (default ./data)')
    .action(
      action<EmulatorFlags, []>(io, exit, async ({ flags }) => {
        if (flags.json) throw usageError('emulator writes JSON log lines already: leave out --json');
        await runEmulator({
          ...io.env,
          ...(flags.port === undefined ? {} : { EMULATOR_PORT: flags.port }),
          ...(flags.host === undefined ? {} : { EMULATOR_HOST: flags.host }),
          ...(flags.dataDir === undefined ? {} : { DATA_DIR: path.resolve(io.cwd, flags.dataDir) })
        });
        // Runs until a signal: closeWithGrace ends the process.
        await new Promise(() => undefined);
      })
    );
}
