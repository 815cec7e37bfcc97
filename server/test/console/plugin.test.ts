import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import Fastify from 'fastify';
import t from 'tap';
import consoleAssets, { CONSOLE_CSP } from '../../src/console/plugin';
import errorHandler from '../../src/plugins/error-handler';

async function appServing(root: string) {
  const app = Fastify();
  await app.register(errorHandler);
  await app.register(consoleAssets, { root });
  t.teardown(() => app.close());
  return app;
}

t.test('the built console is served at /console with a strict Content-Security-Policy', async (t) => {
  const root = await mkdtemp(path.join(os.tmpdir(), 'console-'));
  t.teardown(() => rm(root, { recursive: true, force: true }));
  await writeFile(path.join(root, 'index.html'), '<!doctype html><script type="module" src="console.js"></script>');
  await writeFile(path.join(root, 'console.js'), 'export {};');
  const app = await appServing(root);

  const bare = await app.inject({ method: 'GET', url: '/console' });
  t.equal(bare.statusCode, 302);
  t.equal(bare.headers.location, '/console/');
  const index = await app.inject({ method: 'GET', url: '/console/' });
  t.equal(index.statusCode, 200);
  t.match(index.headers['content-type'], /^text\/html/);
  t.equal(index.headers['content-security-policy'], CONSOLE_CSP);
  t.equal(index.headers['x-content-type-options'], 'nosniff');
  const script = await app.inject({ method: 'GET', url: '/console/console.js' });
  t.equal(script.statusCode, 200);
  t.equal(script.headers['content-security-policy'], CONSOLE_CSP);
  t.match(CONSOLE_CSP, /default-src 'self'/);
  t.notMatch(CONSOLE_CSP, /unsafe-inline|unsafe-eval|https?:/, 'nothing inline, nothing from elsewhere');
  t.equal((await app.inject({ method: 'GET', url: '/console/../package.json' })).statusCode, 404);
});

t.test('an unbuilt console says how to build it', async (t) => {
  const root = await mkdtemp(path.join(os.tmpdir(), 'console-empty-'));
  t.teardown(() => rm(root, { recursive: true, force: true }));
  const app = await appServing(root);
  const res = await app.inject({ method: 'GET', url: '/console/' });
  t.equal(res.statusCode, 404);
  t.match(res.json(), { error: 'NOT_FOUND', message: /npm start/ });
});
