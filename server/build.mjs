// Compiles the process entry points to plain JavaScript for `npm start` (running them through tsx would cost
// ~90 MB of RSS per process), and bundles the operator console (console/build.mjs). Output sits two levels below
// server/, like src/db/, so relative paths (the migrations folder) resolve the same from source and from the build.
import { rename, writeFile } from 'node:fs/promises';
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

/**
 * The CLI's bundle (dist/bin/cli.mjs), built on every `npx harmony-push`, so a fresh clone needs no build step.
 * Written under temporary names and renamed into place: two commands started at once never read half a file.
 */
export async function buildCli() {
  const { outputFiles } = await build({ ...options, entryPoints: { cli: 'src/cli/main.ts' }, write: false });
  for (const file of outputFiles) {
    const temporary = `${file.path}.${process.pid}.tmp`;
    await writeFile(temporary, file.contents);
    await rename(temporary, file.path);
  }
  return path.join(import.meta.dirname, 'dist/bin/cli.mjs');
}

if (process.argv[1] && path.resolve(process.argv[1]) === import.meta.filename) {
  await build({ ...options, entryPoints: { server: 'src/server.ts', worker: 'src/worker.ts', emulator: 'src/emulator/main.ts' } });
  await buildConsole();
}
