import type { Command } from 'commander';
import { ApiClient } from './client';
import { resolveConnection, type ConnectionFlags } from './connection';
import { ExitCode } from './exit-codes';
import { Output, type CliIo } from './io';

/** The options of the program itself, valid before or after any command. */
export interface GlobalFlags extends ConnectionFlags {
  json?: boolean;
}

/** What a command's action gets: its options with the program's, the output, and (on demand) the API client. */
export interface CommandContext<Flags> {
  flags: Flags & GlobalFlags;
  io: CliIo;
  out: Output;
  client(): Promise<ApiClient>;
}

export type CommandAction<Flags, Args extends unknown[]> = (
  context: CommandContext<Flags>,
  ...args: Args
) => Promise<ExitCode | void>;

/** Every command's `.action()`: builds its context and records the exit code it returns in `exit.code`. */
export function action<Flags, Args extends unknown[]>(io: CliIo, exit: { code: ExitCode }, run: CommandAction<Flags, Args>) {
  return async (...received: unknown[]): Promise<void> => {
    const command = received[received.length - 1] as Command;
    const args = received.slice(0, command.registeredArguments.length) as Args;
    const flags = command.optsWithGlobals<Flags & GlobalFlags>();
    const out = new Output(io, flags.json === true);
    const context: CommandContext<Flags> = {
      flags,
      io,
      out,
      client: async () => new ApiClient(await resolveConnection(flags, io))
    };
    exit.code = (await run(context, ...args)) ?? ExitCode.OK;
  };
}
