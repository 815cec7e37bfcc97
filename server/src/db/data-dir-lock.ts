import { mkdir, open, type FileHandle } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import fsx from 'fs-native-extensions';
import { dataDirVariable, StartupError } from '../startup';

/** The lock file, next to the embedded database's own directory (never inside it: PGlite expects that one empty). */
export const LOCK_FILE = 'pglite.lock';

/** Who holds a data directory, as its holder wrote it into the lock file. */
export interface LockHolder {
  pid: number;
  host?: string;
  command?: string;
  since?: string;
}

export interface DataDirLock {
  /** Unlocks; the file stays (removing it would let two processes lock two different files). */
  release(): Promise<void>;
}

export class DataDirLockedError extends StartupError {
  constructor(
    readonly dataDir: string,
    readonly holder: LockHolder | undefined
  ) {
    super(
      `${dataDirVariable(dataDir)}: the embedded database there is in use by ${describe(holder)}.`,
      'Only one process can open it: stop that process, set DATA_DIR to another directory, or set DATABASE_URL to use PostgreSQL.'
    );
  }
}

function describe(holder: LockHolder | undefined): string {
  if (holder === undefined) return 'another process';
  const where = holder.host && holder.host !== os.hostname() ? ` on host ${holder.host}` : '';
  const details = [holder.command, holder.since && `since ${holder.since}`].filter(Boolean).join(', ');
  return `process ${holder.pid}${where}${details ? ` (${details})` : ''}`;
}

async function readHolder(file: FileHandle): Promise<LockHolder | undefined> {
  try {
    const { buffer, bytesRead } = await file.read({ buffer: Buffer.alloc(4096), position: 0 });
    const holder = JSON.parse(buffer.subarray(0, bytesRead).toString('utf8')) as LockHolder;
    return Number.isInteger(holder.pid) ? holder : undefined;
  } catch {
    return undefined; // the holder has not written it yet
  }
}

/**
 * Takes an exclusive lock on `dataDir` for the embedded database, or throws DataDirLockedError naming the holder.
 *
 * An OS lock (open file description lock on Linux, flock on macOS, LockFileEx on Windows, through
 * fs-native-extensions) rather than a pid file or a lock file refreshed on a timer: the kernel drops it the moment
 * its holder dies, kill -9 included, so a stale lock cannot exist and no pid is ever trusted (a recycled pid cannot
 * keep a directory locked). A holder that is alive but hung (stopped with Ctrl+Z, stuck in I/O) keeps it, which is
 * right: it may still write. A timer-refreshed lock (proper-lockfile) would hand such a directory to a second
 * process and make a freshly killed holder block starts until its lock went stale.
 * The pid, host, command and start time written into the file are only for the refusal message.
 */
export async function lockDataDir(dataDir: string): Promise<DataDirLock> {
  const dir = path.resolve(dataDir);
  await mkdir(dir, { recursive: true });
  const file = await open(path.join(dir, LOCK_FILE), 'a+');
  try {
    if (!fsx.tryLock(file.fd)) throw new DataDirLockedError(dataDir, await readHolder(file));
    const holder: LockHolder = {
      pid: process.pid,
      host: os.hostname(),
      command: process.argv.slice(1).join(' '),
      since: new Date().toISOString()
    };
    await file.truncate(0);
    await file.write(JSON.stringify(holder) + '\n', 0);
    await file.sync();
  } catch (error) {
    await file.close();
    throw error;
  }
  return {
    async release() {
      fsx.unlock(file.fd);
      await file.close();
    }
  };
}

/**
 * Opens what lives in `dataDir` under its lock: the lock is taken first, released if opening fails, and released
 * after the opened thing closes. Every opener of the embedded database goes through here.
 */
export async function holdingDataDirLock<T extends { close(): Promise<void> }>(dataDir: string, open: () => Promise<T>): Promise<T> {
  const lock = await lockDataDir(dataDir);
  let opened: T;
  try {
    opened = await open();
  } catch (error) {
    await lock.release();
    throw error;
  }
  const close = opened.close.bind(opened);
  return Object.assign(opened, {
    async close() {
      try {
        await close();
      } finally {
        await lock.release();
      }
    }
  });
}
