// Compiles the process entry points to plain JavaScript for `npm start` (running them through tsx would cost
// ~90 MB of RSS per process), and bundles the operator console (console/build.mjs). Output sits two levels below
// server/, like src/db/, so relative paths (the migrations folder) resolve the same from source and from the build.
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { build } from 'esbuild';
import { buildConsole } from './console/build.mjs';

const options = {
  absWorkingDir: import.meta.dirname,
  outdir: 'dist/bin',
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  packages: 'external',
  alias: { '@harmony-push/shared': '../shared/src/index.ts' },
  sourcemap: 'linked',
  logLevel: 'warning'
};

const CLI_BUNDLE = path.join(import.meta.dirname, 'dist/bin/cli.mjs');
/** What the last CLI build read, and when it started: the bundle is current while none of those files changed since. */
const CLI_INPUTS = path.join(import.meta.dirname, 'dist/bin/cli.inputs.json');

async function cliBundleIsCurrent() {
  try {
    const { startedAt, inputs } = JSON.parse(await readFile(CLI_INPUTS, 'utf8'));
    await stat(CLI_BUNDLE);
    const files = [import.meta.filename, ...inputs];
    const modified = await Promise.all(files.map(async (file) => (await stat(file)).mtimeMs));
    return modified.every((mtime) => mtime < startedAt);
  } catch {
    return false; // no bundle yet, or an input was removed
  }
}

async function writeAtomically(file, contents) {
  const temporary = `${file}.${process.pid}.tmp`;
  await mkdir(path.dirname(file), { recursive: true }); // a fresh clone has no dist/bin yet
  await writeFile(temporary, contents);
  await rename(temporary, file);
}

/**
 * The CLI's bundle (dist/bin/cli.mjs) for `npx harmony-push`, rebuilt when a source file it was built from changed,
 * so a fresh clone needs no build step. Files are written under temporary names and renamed into place: two commands
 * started at once never read half a file. Inputs are compared with the build's start, so an edit made during a
 * build is seen by the next one.
 */
export async function buildCli() {
  if (await cliBundleIsCurrent()) return CLI_BUNDLE;
  const startedAt = Date.now();
  const { outputFiles, metafile } = await build({ ...options, entryPoints: { cli: 'src/cli/main.ts' }, write: false, metafile: true });
  for (const file of outputFiles) await writeAtomically(file.path, file.contents);
  const inputs = Object.keys(metafile.inputs).map((input) => path.resolve(import.meta.dirname, input));
  await writeAtomically(CLI_INPUTS, JSON.stringify({ startedAt, inputs }));
  return CLI_BUNDLE;
}

if (process.argv[1] && path.resolve(process.argv[1]) === import.meta.filename) {
  await build({ ...options, entryPoints: { server: 'src/server.ts', worker: 'src/worker.ts', emulator: 'src/emulator/main.ts' } });
  await buildConsole();
}
