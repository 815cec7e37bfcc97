import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { ConfigError } from './config';
import { MigrationError } from './db/migrate';
import { ServiceAccountError } from './pushkit/service-account';

/**
 * A start-up failure told in words: what went wrong (naming the variable and its value), then how to fix it.
 * Printed alone, without a stack trace, by `orExit`.
 */
export class StartupError extends Error {
  constructor(what: string, fix: string, options?: ErrorOptions) {
    super(`${what}\n${fix}`, options);
    this.name = 'StartupError';
  }
}

/** What start-up reads and writes, so a failure can name the variable behind it. */
export interface StartupContext {
  dataDir?: string;
  databaseUrl?: string;
}

/** `DATA_DIR=./data (/home/me/harmony-push/data)`: the value as set, and where it points when that differs. */
export function dataDirVariable(dataDir: string): string {
  const resolved = path.resolve(dataDir);
  return resolved === dataDir ? `DATA_DIR=${dataDir}` : `DATA_DIR=${dataDir} (${resolved})`;
}

/** A database URL fit to print: the password (in the authority or as a query parameter) masked. */
export function maskedDatabaseUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return '(not a URL)';
  }
  if (url.password) url.password = '****';
  if (url.searchParams.has('password')) url.searchParams.set('password', '****');
  return url.toString();
}

/** EMULATOR_PORT is shared with other processes (npm run worker sends there): a taken one is never swapped silently. */
export const EMULATOR_PORT_SETTING = { portVariable: 'EMULATOR_PORT', portNote: '(and give npm run worker the same EMULATOR_PORT)' };

/** Where a process listens, and the variables that set it. */
export interface ListenTarget {
  port: number;
  host: string;
  portVariable: string;
  hostVariable?: string;
  /** Added to the hint for a taken port. */
  portNote?: string;
}

/** Listens on `port`, or explains in words why it cannot (the port and the variable that sets it). */
export async function listenOn(app: FastifyInstance, where: ListenTarget): Promise<string> {
  try {
    return await app.listen({ port: where.port, host: where.host });
  } catch (error) {
    throw listenFailure(error, where) ?? error;
  }
}

function listenFailure(error: unknown, { port, host, portVariable, hostVariable, portNote }: ListenTarget): StartupError | undefined {
  const setting = `${portVariable}=${port}`;
  switch ((error as NodeJS.ErrnoException).code) {
    case 'EADDRINUSE':
      return new StartupError(
        `${setting}: port ${port} on ${host} is already in use by another process.`,
        `Stop that process, or set ${portVariable} to a free port${portNote ? ` ${portNote}` : ''}.`,
        { cause: error }
      );
    case 'EACCES':
      return new StartupError(
        `${setting}: this user may not listen on port ${port} (ports below 1024 need privileges).`,
        `Set ${portVariable} to a port from 1024 up.`,
        { cause: error }
      );
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
      return new StartupError(
        `${hostVariable ?? 'host'}=${host}: not an address of this machine, so port ${port} cannot be opened there.`,
        hostVariable ? `Set ${hostVariable} to one of this machine's addresses, or 0.0.0.0 for all of them.` : 'Check the network set-up.',
        { cause: error }
      );
    default:
      return undefined;
  }
}

const FILE_SYSTEM_PROBLEMS: Record<string, { reason: string; fix: string }> = {
  EACCES: { reason: 'permission denied', fix: 'Make it writable for this user (uid {uid}), or set DATA_DIR to a directory this user can write.' },
  EPERM: { reason: 'operation not permitted', fix: 'Make it writable for this user (uid {uid}), or set DATA_DIR to a directory this user can write.' },
  EROFS: { reason: 'read-only file system', fix: 'Set DATA_DIR to a directory on a writable file system.' },
  ENOTDIR: { reason: 'a part of this path is a file, not a directory', fix: 'Set DATA_DIR to a path of directories, or move that file away.' },
  EEXIST: { reason: 'a part of this path is a file, not a directory', fix: 'Set DATA_DIR to a path of directories, or move that file away.' },
  ENOSPC: { reason: 'no space left on the device', fix: 'Free some space, or set DATA_DIR to a directory on another disk.' },
  EDQUOT: { reason: 'disk quota exceeded', fix: 'Free some space, or set DATA_DIR to a directory on another disk.' }
};

/** A file-system error on DATA_DIR, anything in it, or a directory on the way to it. */
function dataDirFailure(error: unknown, dataDir: string | undefined): StartupError | undefined {
  const { code, path: failedPath } = error as NodeJS.ErrnoException;
  const problem = code === undefined ? undefined : FILE_SYSTEM_PROBLEMS[code];
  if (dataDir === undefined || problem === undefined || typeof failedPath !== 'string') return undefined;
  const dir = path.resolve(dataDir);
  const failed = path.resolve(failedPath);
  const related = failed === dir || failed.startsWith(dir + path.sep) || dir.startsWith(failed + path.sep);
  if (!related) return undefined;
  return new StartupError(
    `${dataDirVariable(dataDir)}: cannot write ${failed} (${problem.reason}).`,
    problem.fix.replace('{uid}', String(process.getuid?.() ?? '?')),
    { cause: error }
  );
}

/** The PostgreSQL being connected to, for messages: `DATABASE_URL=<masked>`, host, port, user and database. */
function target(databaseUrl: string) {
  const url = new URL(databaseUrl);
  return {
    setting: `DATABASE_URL=${maskedDatabaseUrl(databaseUrl)}`,
    host: url.hostname || 'localhost',
    port: url.port || '5432',
    user: decodeURIComponent(url.username),
    database: decodeURIComponent(url.pathname.slice(1))
  };
}

/** `createdb` with the URL's host, port and user, ready to paste. */
function createdbCommand(databaseUrl: string, name: string): string {
  const { host, port, user } = target(databaseUrl);
  const quote = (word: string) => (/^[\w.@:-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`);
  return ['createdb', '-h', host, '-p', port, ...(user ? ['-U', user] : []), name].map(quote).join(' ');
}

/**
 * Why PostgreSQL at DATABASE_URL could not be used, from the error of the first connection. SQLSTATE codes from
 * PostgreSQL's "Appendix A. PostgreSQL Error Codes"; network errors are Node's.
 */
function databaseFailure(error: unknown, databaseUrl: string): StartupError | undefined {
  if (!(error instanceof Error)) return undefined;
  const { setting, host, port, database } = target(databaseUrl);
  const code = (error as { code?: string }).code;
  const fail = (what: string, fix: string) => new StartupError(`${setting}: ${what}`, fix, { cause: error });
  switch (code) {
    case '3D000': {
      const name = /database "(.+)" does not exist/.exec(error.message)?.[1] ?? database;
      return fail(`database "${name}" does not exist.`, `Create it with: ${createdbCommand(databaseUrl, name)}`);
    }
    case '28P01':
    case '28000':
      return fail(`PostgreSQL refused the login: ${error.message}.`, "Check the user name and password in DATABASE_URL (and the server's pg_hba.conf).");
    case 'ECONNREFUSED':
      return fail(`nothing accepts connections at ${host}:${port}; is PostgreSQL running?`, 'Start it, or correct the host and port in DATABASE_URL.');
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return fail(`the host name ${host} cannot be resolved.`, 'Correct the host in DATABASE_URL.');
    case 'ETIMEDOUT':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return fail(`no answer from ${host}:${port}; is PostgreSQL running, and reachable from here?`, 'Check the host and port in DATABASE_URL, and any firewall in between.');
    case '57P03':
      return fail('PostgreSQL is starting up or shutting down.', 'Start again once it accepts connections.');
    case '53300':
      return fail('PostgreSQL has no connection left for this process (too many clients).', "Stop other clients, or raise the server's max_connections.");
  }
  if (/timeout exceeded when trying to connect|connection timeout/i.test(error.message)) {
    return fail(`no answer from ${host}:${port} within the connect timeout; is PostgreSQL running, and reachable from here?`, 'Check the host and port in DATABASE_URL, and any firewall in between.');
  }
  if (/client password must be a (non-empty )?string/.test(error.message)) {
    return fail('PostgreSQL asks for a password and DATABASE_URL has none.', 'Add it: postgres://user:password@host:port/database');
  }
  if (/does not support SSL/.test(error.message)) {
    return fail('the server does not support SSL, but DATABASE_URL asks for it.', 'Remove sslmode (or ssl) from DATABASE_URL.');
  }
  return undefined;
}

/** A migration that failed: which one, what PostgreSQL said, and in which database. */
function migrationFailure(error: MigrationError, context: StartupContext): StartupError {
  const cause = error.cause instanceof Error ? error.cause.message : String(error.cause);
  const where = context.databaseUrl
    ? `DATABASE_URL=${maskedDatabaseUrl(context.databaseUrl)}`
    : `the embedded database in ${dataDirVariable(context.dataDir ?? '.')}`;
  return new StartupError(
    `${error.migration ? `Migration ${error.migration}` : 'Migrating the database'} failed in ${where}: ${cause}.`,
    'Nothing of that migration was applied (each runs in its own transaction): fix what the error names, or use an empty database, then start again.',
    { cause: error }
  );
}

/** The one text for a failure that ends start-up, or undefined when it is not one we can explain. */
export function explainStartupFailure(error: unknown, context: StartupContext): string | undefined {
  if (error instanceof StartupError || error instanceof ConfigError || error instanceof ServiceAccountError) {
    return error.message;
  }
  const database = context.databaseUrl === undefined ? undefined : (error: unknown) => databaseFailure(error, context.databaseUrl as string);
  if (error instanceof MigrationError) return (database?.(error.cause) ?? migrationFailure(error, context)).message;
  return (dataDirFailure(error, context.dataDir) ?? database?.(error))?.message;
}

/**
 * Runs one start-up step; if it fails for a reason we can explain, prints that (one or two lines, no stack trace)
 * and exits with 1. Anything unexplained is a bug: it keeps its stack trace.
 */
export async function orExit<T>(step: () => Promise<T> | T, context: StartupContext = {}): Promise<T> {
  try {
    return await step();
  } catch (error) {
    const message = explainStartupFailure(error, context);
    if (message === undefined) throw error;
    console.error(message);
    process.exit(1);
  }
}
