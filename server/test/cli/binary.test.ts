import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { mkdtemp, rm, stat, utimes } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import t, { type Test } from 'tap';
import { ExitCode } from '../../src/cli/exit-codes';
import { closedServerUrl } from '../helpers/cli';
import { newServiceAccount, tempFile } from '../helpers/service-account';

/** The repository root, where `npx harmony-push` runs. */
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const LAUNCHER = path.join(ROOT, 'bin/harmony-push.mjs');

interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the real launcher (or `command`) with exactly `env` plus PATH, from the repository root. */
async function harmonyPush(args: string[], env: Record<string, string> = {}, command = [process.execPath, LAUNCHER]): Promise<Finished> {
  const child = spawn(command[0], [...command.slice(1), ...args], { cwd: ROOT, env: { PATH: process.env.PATH, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const [code] = (await once(child, 'close')) as [number | null];
  return { code, stdout, stderr };
}

async function tempDir(t: Test): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'harmony-push-cli-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

t.test('npx harmony-push --help from the repository root lists the commands and the exit codes', async (t) => {
  const run = await harmonyPush(['--help'], { HOME: os.homedir() }, ['npx', '--no-install', 'harmony-push']);
  t.equal(run.code, ExitCode.OK, run.stderr);
  t.match(run.stdout, /Usage: harmony-push/);
  for (const command of ['send', 'sends', 'tokens', 'quota', 'emulator', 'doctor']) t.match(run.stdout, new RegExp(`\\n  ${command} `));
  t.match(run.stdout, /Exit codes:/);
});

t.test('a wrong command line exits 2', async (t) => {
  const run = await harmonyPush(['frobnicate']);
  t.equal(run.code, ExitCode.USAGE);
  t.match(run.stderr, /unknown command 'frobnicate'/);
});

t.test('no server: exit 4', async (t) => {
  const run = await harmonyPush(['sends', 'show', randomUUID(), '--server', await closedServerUrl(), '--admin-key', 'admin-key-for-tests-0123456789']);
  t.equal(run.code, ExitCode.UNAVAILABLE);
  t.match(run.stderr, /cannot reach the server/);
});

t.test('doctor explains a broken service-account file in words and exits 1', async (t) => {
  const { json } = await newServiceAccount();
  const file = await tempFile(t, JSON.stringify({ ...json, private_key: 'this is not a key' }));
  const env = { DATA_DIR: await tempDir(t), PUSHKIT_SERVICE_ACCOUNT: file, PUSHKIT_BASE_URL: await closedServerUrl() };
  const run = await harmonyPush(['doctor'], env);
  t.equal(run.code, ExitCode.FAILED, run.stderr);
  t.match(run.stdout, /^fail\s+service account\s+PUSHKIT_SERVICE_ACCOUNT=\S+: private_key is not a PEM private key/m);
  t.match(run.stdout, /Fix: Download the key file again, or create a new service-account key in Huawei's API Console/);
  t.equal(run.stdout.trim().split('\n').length, 7, 'one line per check');
  const json2 = await harmonyPush(['doctor', '--json'], env);
  t.equal(json2.code, ExitCode.FAILED);
  t.match(JSON.parse(json2.stdout), { ok: false, checks: [{ check: 'configuration', status: 'ok' }, { check: 'service account', status: 'fail' }] });
});

t.test('emulator runs the Push Kit emulator until stopped', async (t) => {
  const child = spawn(process.execPath, [LAUNCHER, 'emulator', '--port', '0', '--data-dir', await tempDir(t)], {
    cwd: ROOT,
    env: { PATH: process.env.PATH },
    stdio: ['ignore', 'pipe', 'pipe']
  });
  t.teardown(() => void child.kill('SIGKILL'));
  let stdout = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  const listening = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', () => {
      const match = /Push Kit emulator listening on (http:\/\/[\d.]+:\d+)/.exec(stdout);
      if (match) resolve(match[1]);
    });
    child.on('exit', (code) => reject(new Error(`emulator exited (${code}): ${stdout}`)));
  });
  const res = await fetch(`${listening}/emulator/devices`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
  t.equal(res.status, 201);
  child.kill('SIGTERM');
  const [code] = await once(child, 'exit');
  t.equal(code, 0);
});

t.test('the launcher rebuilds the bundle only when a source it was built from changed', async (t) => {
  const { buildCli } = (await import(pathToFileURL(path.join(ROOT, 'server/build.mjs')).href)) as { buildCli(): Promise<string> };
  const bundle = await buildCli();
  const built = (await stat(bundle)).mtimeMs;
  await buildCli();
  t.equal((await stat(bundle)).mtimeMs, built, 'unchanged sources: the bundle is reused');
  const source = path.join(ROOT, 'server/src/cli/quota.ts');
  const later = new Date(Date.now() + 1000);
  await utimes(source, later, later);
  await buildCli();
  t.not((await stat(bundle)).mtimeMs, built, 'a changed source: rebuilt');
});
