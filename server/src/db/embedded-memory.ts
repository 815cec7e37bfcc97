import { execFile } from 'node:child_process';
import { access } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import v8 from 'node:v8';
import { PGlite, type PGliteOptions } from '@electric-sql/pglite';

/*
 * What keeps the embedded database small in memory (README: "Memory of the embedded database").
 *
 * PGlite is PostgreSQL compiled to WebAssembly, running inside this process: its shared buffers live in the
 * WebAssembly memory, which only grows. PGlite's default of 128 MB of shared buffers fills as tables are read, so
 * the process grew by that much once data existed. 16 MB holds the registry's hot pages; the rest stay in the
 * operating system's file cache, shared and reclaimable.
 */
const SHARED_BUFFERS = '16MB';

const LIFTOFF_ONLY = '--liftoff-only';

export const embeddedOptions: PGliteOptions = {
  startParams: [...PGlite.defaultStartParams, '-c', `shared_buffers=${SHARED_BUFFERS}`]
};

/**
 * V8 compiles WebAssembly twice: at once with its baseline compiler (Liftoff), then hot functions again with its
 * optimizing one (TurboFan). For PGlite's 9 MB of PostgreSQL the second tier cost some 60 MB of resident memory and
 * bought no measurable throughput: the embedded database's speed is bound by its single session and its file I/O
 * (`npm run bench:embedded-memory` measures both). Only processes that open the embedded database set this, before
 * compiling it; the only other WebAssembly here is undici's small HTTP parser.
 */
export function compileWebAssemblyOnce(): void {
  v8.setFlagsFromString(LIFTOFF_ONLY);
}

/**
 * A fresh data directory needs initdb, which PGlite runs in a second WebAssembly instance of its own, plus the
 * initdb program: some 500 MB that the process only gives back when V8 next collects them, if ever. Run in a
 * short-lived child process, that memory is gone with the child, and the server opens a ready directory.
 */
const INITDB = `const { PGlite } = await import(process.argv[1]); await (await PGlite.create(process.argv[2])).close();`;

export async function initializeInChildProcess(dir: string): Promise<void> {
  const initialized = await access(path.join(dir, 'PG_VERSION')).then(() => true, () => false);
  if (initialized) return;
  // Liftoff alone compiles faster: initdb in the child took half the time of initdb in this process (7 s against 15 s).
  await promisify(execFile)(process.execPath, [LIFTOFF_ONLY, '--input-type=module', '-e', INITDB, import.meta.resolve('@electric-sql/pglite'), dir]);
}
