import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import t from 'tap';
import { maskToken, SendState, type ErrorBody, type SendResponse } from '@harmony-push/shared';
import { ExitCode } from '../../src/cli/exit-codes';
import { cli, closedServerUrl } from '../helpers/cli';
import { tempFile } from '../helpers/service-account';
import { ADMIN_KEY, APP_KEY, startTestService } from '../helpers/service';

const svc = await startTestService(t);
const server = await svc.listen();
const env = { HARMONY_PUSH_URL: server, HARMONY_PUSH_ADMIN_KEY: ADMIN_KEY };

async function newDevice(deviceType = 'phone'): Promise<string> {
  const res = await svc.emulator.inject({ method: 'POST', url: '/emulator/devices', payload: { deviceType } });
  const token = res.json().token as string;
  const reg = await svc.app.inject({ method: 'POST', url: '/tokens', headers: { 'x-app-key': APP_KEY }, payload: { token, deviceType } });
  if (reg.statusCode !== 201) throw new Error(`registration failed: ${reg.body}`);
  return token;
}

const inbox = async (token: string) =>
  (await svc.emulator.inject({ method: 'GET', url: `/emulator/messages?token=${encodeURIComponent(token)}` })).json().messages as unknown[];

const alertFlags = ['--title', 'Hello', '--body', 'From the CLI', '--category', 'IM'];

t.test('send from flags: an alert reaches the device, the token is never printed in full', async (t) => {
  const token = await newDevice();
  const run = await cli(['send', ...alertFlags, '--token', token], env);
  t.equal(run.code, ExitCode.OK, run.stderr);
  t.match(run.stdout, /send [0-9a-f-]{36}: alert, completed/);
  t.match(run.stdout, /requested 1, accepted 1/);
  t.ok(run.stdout.includes(maskToken(token)), 'the masked token is shown');
  t.notOk(run.stdout.includes(token), 'the full token is not');
  t.equal((await inbox(token)).length, 1);
});

t.test('send --json prints the API answer', async (t) => {
  const token = await newDevice();
  const run = await cli(['send', ...alertFlags, '--token', token, '--json'], env);
  t.equal(run.code, ExitCode.OK, run.stderr);
  const send = run.json<SendResponse>();
  t.equal(send.state, SendState.COMPLETED);
  t.equal(send.accepted, 1);
  t.notOk(run.stdout.includes(token));
});

t.test('send --file posts the file; target flags replace its target', async (t) => {
  const [first, second] = [await newDevice(), await newDevice()];
  const file = await tempFile(
    t,
    JSON.stringify({
      pushType: 0,
      payload: { notification: { category: 'IM', title: 'T', body: 'B', clickAction: { actionType: 0 } } },
      target: { tokens: [first] }
    })
  );
  t.equal((await cli(['send', '--file', file], env)).code, ExitCode.OK);
  t.equal((await inbox(first)).length, 1);
  const run = await cli(['send', '--file', file, '--token', second], env);
  t.equal(run.code, ExitCode.OK, run.stderr);
  t.equal((await inbox(first)).length, 1, 'not sent to the file target again');
  t.equal((await inbox(second)).length, 1);
});

t.test('send --file - reads standard input', async (t) => {
  const token = await newDevice();
  const body = { pushType: 6, payload: { extraData: '{"sync":true}' }, target: { tokens: [token] } };
  const run = await cli(['send', '--file', '-'], env, { stdin: JSON.stringify(body) });
  t.equal(run.code, ExitCode.OK, run.stderr);
  t.equal((await inbox(token)).length, 1);
});

t.test('--dry-run prints the same field errors as POST /send, and contacts nothing', async (t) => {
  const body = { pushType: 0, payload: { notification: { title: 'no category', body: 'B', clickAction: { actionType: 7 } } }, target: { tokens: ['x'] } };
  const api = await svc.app.inject({ method: 'POST', url: '/send', headers: { authorization: `Bearer ${ADMIN_KEY}` }, payload: body });
  t.equal(api.statusCode, 400);
  const expected = api.json<ErrorBody>();
  const file = await tempFile(t, JSON.stringify(body));
  // No server at all: a dry run needs none.
  const offline = { HARMONY_PUSH_URL: await closedServerUrl(), HARMONY_PUSH_ADMIN_KEY: ADMIN_KEY };
  const json = await cli(['send', '--file', file, '--dry-run', '--json'], offline);
  t.equal(json.code, ExitCode.REFUSED);
  const refused = json.json<ErrorBody & { exitCode: number }>();
  t.same({ error: refused.error, message: refused.message, details: refused.details }, expected, 'the API\'s own 400 body');
  t.equal(refused.exitCode, ExitCode.REFUSED);
  const text = await cli(['send', '--file', file, '--dry-run'], offline);
  t.equal(text.code, ExitCode.REFUSED);
  for (const detail of expected.details ?? []) t.ok(text.stderr.includes(`${detail.path}: ${detail.message}`), detail.path);
});

t.test('--dry-run of a file that is not JSON answers as the API does', async (t) => {
  const file = await tempFile(t, '{"pushType": 0,');
  const run = await cli(['send', '--file', file, '--dry-run', '--json'], {});
  t.equal(run.code, ExitCode.REFUSED);
  t.match(run.json(), { error: 'VALIDATION_FAILED', details: [{ path: 'body', message: 'body is not valid JSON' }] });
});

t.test('--dry-run of a valid request sends nothing and masks tokens', async (t) => {
  const token = await newDevice();
  const run = await cli(['send', ...alertFlags, '--token', token, '--dry-run'], {});
  t.equal(run.code, ExitCode.OK, run.stderr);
  t.match(run.stdout, /^valid: a alert message to/);
  t.ok(run.stdout.includes(maskToken(token)));
  t.notOk(run.stdout.includes(token));
  t.equal((await inbox(token)).length, 0);
});

t.test('flags without a category: the server names the missing field; exit 3', async (t) => {
  const token = await newDevice();
  const run = await cli(['send', '--title', 'T', '--body', 'B', '--token', token], env);
  t.equal(run.code, ExitCode.REFUSED);
  t.match(run.stderr, /HTTP 400/);
  t.match(run.stderr, /body\.payload\.notification\.category/);
});

t.test('usage errors exit 2', async (t) => {
  t.equal((await cli(['send', '--file', path.join(svc.db.dataDir, 'missing.json')], env)).code, ExitCode.USAGE);
  t.equal((await cli(['send', '--push-type', 'carrier-pigeon', '--all'], env)).code, ExitCode.USAGE);
  t.equal((await cli(['send', '--push-type', 'live-view', '--all'], env)).code, ExitCode.USAGE, 'needs --file');
  t.equal((await cli(['send', '--category', 'NOPE'], env)).code, ExitCode.USAGE);
  const file = path.join(svc.db.dataDir, 'request.json');
  await writeFile(file, '{}');
  const both = await cli(['send', '--file', file, '--title', 'T'], env);
  t.equal(both.code, ExitCode.USAGE);
  t.match(both.stderr, /leave out --title/);
});

t.test('a wrong admin key is refused with a hint; exit 3', async (t) => {
  const run = await cli(['send', ...alertFlags, '--all', '--admin-key', 'not-the-admin-key-0123456789'], { HARMONY_PUSH_URL: server });
  t.equal(run.code, ExitCode.REFUSED);
  t.match(run.stderr, /HTTP 401/);
  t.match(run.stderr, /--admin-key or HARMONY_PUSH_ADMIN_KEY/);
  t.notOk(run.stderr.includes('not-the-admin-key-0123456789'), 'the key is not echoed');
});

t.test('no server: exit 4 with what to check', async (t) => {
  const url = await closedServerUrl();
  const run = await cli(['send', ...alertFlags, '--all', '--server', url, '--admin-key', ADMIN_KEY], {});
  t.equal(run.code, ExitCode.UNAVAILABLE);
  t.ok(run.stderr.includes(`cannot reach the server at ${url} (ECONNREFUSED)`), run.stderr);
  t.match(run.stderr, /npm start/);
});

t.test('the development admin key in DATA_DIR is used when none is given', async (t) => {
  const dataDir = path.join(svc.db.dataDir, 'dev');
  const { mkdir } = await import('node:fs/promises');
  await mkdir(dataDir);
  await writeFile(path.join(dataDir, 'dev-keys.json'), JSON.stringify({ appKey: APP_KEY, adminKey: ADMIN_KEY }));
  const token = await newDevice();
  const run = await cli(['send', ...alertFlags, '--token', token], { HARMONY_PUSH_URL: server, DATA_DIR: dataDir });
  t.equal(run.code, ExitCode.OK, run.stderr);
  const none = await cli(['send', ...alertFlags, '--token', token], { HARMONY_PUSH_URL: server, DATA_DIR: path.join(dataDir, 'none') });
  t.equal(none.code, ExitCode.USAGE);
  t.match(none.stderr, /no admin key/);
});
