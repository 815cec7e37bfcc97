import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import { createTestDatabase, type TestDatabase } from './helpers/database';
import { tokenOf } from './helpers/tokens';
import { writeFile } from 'node:fs/promises';
import { createDevServiceAccount } from '../src/emulator/dev-service-account';
import { buildEmulator, emulatorIdentity } from '../src/emulator/app';
import { parseServiceAccount } from '../src/pushkit/service-account';

const SERVER = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../src/server.ts');

interface Running {
  child: ChildProcess;
  baseUrl: string;
  output: () => string;
}

/** Runs `src/server.ts` as `npm start` does, on a free loopback port, and waits until it listens. */
async function startProcess(db: TestDatabase, env: Record<string, string> = {}): Promise<Running> {
  const child = spawn(process.execPath, ['--import', 'tsx', SERVER], {
    env: {
      PATH: process.env.PATH,
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: db.dataDir,
      RATE_LIMIT_PER_MINUTE: '0',
      EMULATOR_PORT: '0',
      ...(db.databaseUrl ? { DATABASE_URL: db.databaseUrl } : {}),
      ...env
    },
    stdio: ['ignore', 'pipe', 'pipe']
  });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const baseUrl = await new Promise<string>((resolve, reject) => {
    const poll = setInterval(() => {
      const match = /harmony-push listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match) {
        clearInterval(poll);
        resolve(match[1]);
      }
    }, 50);
    child.once('exit', (code) => {
      clearInterval(poll);
      reject(new Error(`server exited with ${code}:\n${output}`));
    });
  });
  return { child, baseUrl, output: () => output };
}

async function stop(running: Running): Promise<number | null> {
  if (running.child.exitCode !== null) return running.child.exitCode;
  running.child.kill('SIGTERM');
  const [code] = await once(running.child, 'exit');
  return code as number | null;
}

const db = await createTestDatabase();
t.teardown(() => db.drop());

t.test('without configured keys, development keys are generated and printed once', async (t) => {
  const first = await startProcess(db);
  t.teardown(() => stop(first));
  const appKey = /app key \(X-App-Key\):\s+(\S+)/.exec(first.output())?.[1];
  const adminKey = /admin key \(Authorization: Bearer \.\.\.\):\s+(\S+)/.exec(first.output())?.[1];
  t.ok(appKey && adminKey, 'both keys are printed');

  const post = (baseUrl: string, token: string) =>
    fetch(`${baseUrl}/tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-app-key': appKey as string },
      body: JSON.stringify({ token, deviceType: 'phone' })
    });
  const token = tokenOf('devkey');
  t.equal((await post(first.baseUrl, token)).status, 201, 'the printed app key works');
  t.equal((await post(first.baseUrl, token)).status, 200);
  t.equal(await stop(first), 0, 'SIGTERM exits cleanly');

  const second = await startProcess(db);
  t.teardown(() => stop(second));
  t.notOk(second.output().includes(appKey as string), 'keys are not printed again');
  t.match(second.output(), /Using development keys from/);
  t.equal((await post(second.baseUrl, token)).status, 200, 'the same key works after a restart');
  const list = await fetch(`${second.baseUrl}/tokens`, { headers: { authorization: `Bearer ${adminKey}` } });
  t.equal(list.status, 200, 'the printed admin key works');
  t.equal(await stop(second), 0);
});

t.test('a bad configuration stops start-up with a message naming the variable', async (t) => {
  const child = spawn(process.execPath, ['--import', 'tsx', SERVER], {
    env: { PATH: process.env.PATH, DATA_DIR: db.dataDir, PORT: 'not-a-port', LOG_LEVEL: 'loud' },
    stdio: ['ignore', 'pipe', 'pipe']
  });
  let output = '';
  child.stderr.on('data', (chunk) => (output += chunk));
  const [code] = await once(child, 'exit');
  t.equal(code, 1);
  t.match(output, /PORT:/);
  t.match(output, /LOG_LEVEL:/);
});

t.test('SIGTERM drains in-flight requests: every acknowledged registration survives', async (t) => {
  const env = { APP_KEYS: 'drain-app-key-0123456789', ADMIN_KEYS: 'drain-admin-key-0123456789' };
  const running = await startProcess(db, env);
  const register = (baseUrl: string, token: string) =>
    fetch(`${baseUrl}/tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-app-key': env.APP_KEYS },
      body: JSON.stringify({ token, deviceType: 'phone' })
    }).then(
      (res) => res.status,
      () => 0
    );

  const tokens = Array.from({ length: 60 }, (_, i) => tokenOf(`drain-${i}`));
  const inFlight = tokens.map((token) => register(running.baseUrl, token));
  // The signal lands while most of the 60 requests are still queued behind the database.
  await Promise.race(inFlight);
  running.child.kill('SIGTERM');
  const statuses = await Promise.all(inFlight);
  const [code] = await once(running.child, 'exit');
  t.equal(code, 0, 'the process exits cleanly after draining', { output: running.output().slice(-3000) });

  const acknowledged = tokens.filter((_, i) => statuses[i] === 201);
  t.ok(acknowledged.length > 0, `${acknowledged.length} registrations were acknowledged`);
  t.ok(statuses.every((status) => status === 201 || status === 503 || status === 0), 'others were refused, not half-done');

  const restarted = await startProcess(db, env);
  t.teardown(() => stop(restarted));
  const after = await Promise.all(acknowledged.map((token) => register(restarted.baseUrl, token)));
  t.same(after, acknowledged.map(() => 200), 'every acknowledged token is known after the restart');
});

t.test('a service-account file that cannot be used stops start-up, naming the problem', async (t) => {
  const file = `${db.dataDir}/broken-service-account.json`;
  const keyFile = await createDevServiceAccount();
  await writeFile(file, JSON.stringify({ ...keyFile, key_id: undefined, private_key: 'not a PEM' }));
  const child = spawn(process.execPath, ['--import', 'tsx', SERVER], {
    env: { PATH: process.env.PATH, DATA_DIR: db.dataDir, PORT: '0', PUSHKIT_SERVICE_ACCOUNT: file, ...(db.databaseUrl ? { DATABASE_URL: db.databaseUrl } : {}) },
    stdio: ['ignore', 'pipe', 'pipe']
  });
  let output = '';
  child.stderr.on('data', (chunk) => (output += chunk));
  const [code] = await once(child, 'exit');
  t.equal(code, 1);
  t.match(output, /broken-service-account\.json/);
  t.match(output, /key_id/);
  t.match(output, /private_key/);
  t.notOk(output.includes('not a PEM'), 'the key material is not echoed');
});

t.test('with a service account the server sends to the configured Push Kit instead of its own emulator', async (t) => {
  const keyFile = await createDevServiceAccount();
  const account = parseServiceAccount(keyFile, 'test');
  const remote = await buildEmulator({ ...emulatorIdentity(account), logLevel: 'silent' });
  const remoteUrl = await remote.listen({ port: 0, host: '127.0.0.1' });
  t.teardown(() => remote.close());
  const file = `${db.dataDir}/service-account.json`;
  await writeFile(file, JSON.stringify(keyFile));

  const env = { APP_KEYS: 'sa-app-key-0123456789', ADMIN_KEYS: 'sa-admin-key-0123456789', PUSHKIT_SERVICE_ACCOUNT: file, PUSHKIT_BASE_URL: remoteUrl };
  const running = await startProcess(db, env);
  t.teardown(() => stop(running));
  t.match(running.output(), new RegExp(`"pushKit":"${remoteUrl.replace(/\./g, '\\.')}"`), 'the configured Push Kit is the target');
  t.notMatch(running.output(), /local emulator/, 'no emulator was started');

  const token = (await remote.inject({ method: 'POST', url: '/emulator/devices', payload: { deviceType: 'phone' } })).json().token;
  const res = await fetch(`${running.baseUrl}/send`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${env.ADMIN_KEYS}` },
    body: JSON.stringify({ pushType: 6, payload: { extraData: 'hello' }, target: { tokens: [token] } })
  });
  t.equal(res.status, 200);
  t.match(await res.json(), { accepted: 1 });
  const inbox = (await remote.inject({ method: 'GET', url: `/emulator/messages?token=${token}` })).json();
  t.equal(inbox.messages.length, 1);
});
