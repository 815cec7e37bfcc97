import path from 'node:path';
import { readDevKeys, devKeysFile } from '../dev-keys';
import { usageError } from './exit-codes';
import type { CliIo } from './io';

/** The options every API command takes (`--server`, `--admin-key`, `--timeout`). */
export interface ConnectionFlags {
  server?: string;
  adminKey?: string;
  timeout?: number;
}

export interface Connection {
  /** The server's origin, e.g. `http://127.0.0.1:3000`. */
  baseUrl: string;
  adminKey: string;
  timeoutMs: number;
}

export const DEFAULT_TIMEOUT_MS = 30_000;

/**
 * Where the server is and which admin key to use, first found wins: the flags; HARMONY_PUSH_URL and
 * HARMONY_PUSH_ADMIN_KEY; on the server's own machine, its PORT and the first of its ADMIN_KEYS; and last the
 * development admin key `npm start` generated in DATA_DIR (./data), so a fresh clone needs no setting at all.
 */
export async function resolveConnection(flags: ConnectionFlags, io: CliIo): Promise<Connection> {
  const { env } = io;
  const baseUrl = flags.server ?? env.HARMONY_PUSH_URL ?? `http://127.0.0.1:${env.PORT?.trim() || '3000'}`;
  try {
    new URL(baseUrl);
  } catch {
    throw usageError(`--server (or HARMONY_PUSH_URL) is not a URL: ${baseUrl}`);
  }
  const configured = env.ADMIN_KEYS?.split(',').map((key) => key.trim()).find((key) => key.length > 0);
  const dataDir = path.resolve(io.cwd, env.DATA_DIR?.trim() || './data');
  const adminKey = flags.adminKey ?? env.HARMONY_PUSH_ADMIN_KEY ?? configured ?? (await readDevKeys(dataDir))?.adminKey;
  if (!adminKey) {
    throw usageError(
      `no admin key: pass --admin-key, or set HARMONY_PUSH_ADMIN_KEY (one of the server's ADMIN_KEYS, or the development key npm start printed, kept in ${devKeysFile(dataDir)})`
    );
  }
  return { baseUrl: baseUrl.replace(/\/+$/, ''), adminKey, timeoutMs: flags.timeout ?? DEFAULT_TIMEOUT_MS };
}
