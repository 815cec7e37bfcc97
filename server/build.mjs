// Compiles the process entry points to plain JavaScript for `npm start`: running them through tsx would cost
// ~90 MB of RSS per process. Output sits two levels below server/, like src/db/, so relative paths
// (the migrations folder) resolve the same from source and from the build.
import { build } from 'esbuild';

await build({
  entryPoints: { server: 'src/server.ts', worker: 'src/worker.ts', emulator: 'src/emulator/main.ts' },
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
});
