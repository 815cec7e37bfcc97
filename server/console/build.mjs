// Bundles the operator console (Preact + uPlot, typed against shared/) into static files the server serves at
// /console. Every asset is local: the Content-Security-Policy allows nothing from elsewhere.
import { copyFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { build } from 'esbuild';

const here = import.meta.dirname;

/** Builds the console into `outdir` (server/dist/console by default). */
export async function buildConsole(outdir = path.join(here, '..', 'dist', 'console')) {
  await mkdir(outdir, { recursive: true });
  await build({
    entryPoints: { console: path.join(here, 'src', 'main.tsx') },
    outdir,
    bundle: true,
    platform: 'browser',
    target: ['chrome110', 'firefox115', 'safari16'],
    format: 'esm',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    alias: { '@harmony-push/shared': path.join(here, '..', '..', 'shared', 'src', 'index.ts') },
    minify: true,
    sourcemap: 'linked',
    logLevel: 'warning'
  });
  await copyFile(path.join(here, 'src', 'index.html'), path.join(outdir, 'index.html'));
  return outdir;
}
