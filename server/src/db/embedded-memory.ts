import { execFile } from 'node:child_process';
import { access } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import v8 from 'node:v8';
import { PGlite, type PGliteOptions } from '@electric-sql/pglite';

/*
 * What keeps the embedded database small in memory (README: "The embedded database", Memory).
 *
 * PGlite is PostgreSQL compiled to WebAssembly, running inside this process: its shared buffers live in the
 * WebAssembly memory, which only grows, and PostgreSQL touches them as it starts. PGlite's default of 128 MB cost
 * ~140 MB of resident memory on an empty database. 32 MB hold the registry's hot pages (the rest stay in the
 * operating system's file cache, shared and reclaimable) for ~20 MB more than 16 MB, which made bulk writes slower
 * (seeding 200k tokens: 11.4 s at 16 MB, 10.0 s at 32 MB, 7.6 s at 128 MB; one run each on a loaded machine).
 */
const SHARED_BUFFERS = '32MB';

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
