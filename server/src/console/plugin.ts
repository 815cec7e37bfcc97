import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync } from 'fastify';
import { errors } from '../errors';

/** Where `node server/build.mjs` (run by `npm start`) puts the console; two levels below server/ in src and dist. */
export const CONSOLE_DIR = path.join(import.meta.dirname, '..', '..', 'dist', 'console');

/**
 * Nothing runs but the console's own script and styles: no inline script or style, no other origin (many
 * deployments have no outside internet), no framing. The console reaches the API on the same origin only.
 */
export const CONSOLE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'"
].join('; ');

export interface ConsoleOptions {
  /** The built console; CONSOLE_DIR by default. */
  root?: string;
}

/** Serves the operator console at /console with a strict Content-Security-Policy. */
const consoleAssets: FastifyPluginAsync<ConsoleOptions> = async (app, options) => {
  const root = options.root ?? CONSOLE_DIR;
  app.addHook('onRequest', async (_request, reply) => {
    reply.header('content-security-policy', CONSOLE_CSP);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    reply.header('cache-control', 'no-cache');
  });
  app.get('/console', { schema: { hide: true } }, async (_request, reply) => reply.redirect('/console/'));
  if (!existsSync(path.join(root, 'index.html'))) {
    app.get('/console/*', { schema: { hide: true } }, async () => {
      throw errors.notFound('the console is not built: `npm start` builds it (or run `node server/build.mjs`)');
    });
    return;
  }
  await app.register(fastifyStatic, { root, prefix: '/console/', index: 'index.html', schemaHide: true });
};

export default consoleAssets;
