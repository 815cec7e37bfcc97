import { randomUUID } from 'node:crypto';
import t, { type Test } from 'tap';
import Fastify from 'fastify';
import type { QuotaResponse, RevokeResponse, SendResponse } from '@harmony-push/shared';
import { ExitCode } from '../../src/cli/exit-codes';
import { age, seedDevices, waitFor } from '../helpers/broadcast';
import { cli } from '../helpers/cli';
import { ADMIN_KEY, APP_KEY, startTestService } from '../helpers/service';

const svc = await startTestService(t);
const server = await svc.listen();
const env = { HARMONY_PUSH_URL: server, HARMONY_PUSH_ADMIN_KEY: ADMIN_KEY };
const admin = { authorization: `Bearer ${ADMIN_KEY}` };

async function sentAlert(): Promise<SendResponse> {
  const device = await svc.emulator.inject({ method: 'POST', url: '/emulator/devices', payload: { deviceType: 'phone' } });
  const token = device.json().token as string;
  await svc.app.inject({ method: 'POST', url: '/tokens', headers: { 'x-app-key': APP_KEY }, payload: { token, deviceType: 'phone' } });
  const res = await svc.app.inject({
    method: 'POST',
    url: '/send',
    headers: admin,
    payload: { pushType: 0, payload: { notification: { category: 'IM', title: 'T', body: 'B', clickAction: { actionType: 0 } } }, target: { tokens: [token] } }
  });
  return res.json<SendResponse>();
}

t.test('sends show prints a send; --json is GET /sends/:id', async (t) => {
  const send = await sentAlert();
  const text = await cli(['sends', 'show', send.sendId], env);
  t.equal(text.code, ExitCode.OK, text.stderr);
  t.match(text.stdout, new RegExp(`send ${send.sendId}: alert, completed`));
  t.match(text.stdout, /delivery: delivered \d+/);
  const json = await cli(['sends', 'show', send.sendId, '--json'], env);
  const api = await svc.app.inject({ method: 'GET', url: `/sends/${send.sendId}`, headers: admin });
  t.same(json.json(), api.json());
});

t.test('sends show of a send whose details retention pruned says so, and that its counts are kept', async (t) => {
  const send = await sentAlert();
  const before = await cli(['sends', 'show', send.sendId], env);
  t.match(before.stdout, send.results[0].token, 'its per-token result is listed');
  t.notMatch(before.stdout, /pruned/);
  // SEND_RETENTION_DAYS is 30 here: a send completed 31 days ago goes on the next maintenance run.
  await age(svc.app, send.sendId, 31);
  t.equal((await svc.app.maintenance.run(new Date())).retention.sendDetails, 1);
  const json = await cli(['sends', 'show', send.sendId, '--json'], env);
  const { detailsPrunedAt, results, requested, accepted } = json.json<SendResponse>();
  t.ok(detailsPrunedAt);
  t.same(results, []);
  const text = await cli(['sends', 'show', send.sendId], env);
  t.equal(text.code, ExitCode.OK, text.stderr);
  t.match(text.stdout, `tokens: requested ${requested}, accepted ${accepted}`, 'the counts are printed as before');
  t.match(
    text.stdout,
    `per-token results, batch reports and receipts pruned on ${detailsPrunedAt} (SEND_RETENTION_DAYS after it completed); the counts above are kept`
  );
});

t.test('sends show of an unknown or malformed id: the server refuses, exit 3', async (t) => {
  const unknown = await cli(['sends', 'show', randomUUID()], env);
  t.equal(unknown.code, ExitCode.REFUSED);
  t.match(unknown.stderr, /HTTP 404/);
  const malformed = await cli(['sends', 'show', 'not-a-send-id', '--json'], env);
  t.equal(malformed.code, ExitCode.REFUSED);
  t.match(malformed.json(), { error: 'VALIDATION_FAILED', exitCode: ExitCode.REFUSED });
});

t.test('sends cancel of a finished send leaves it as it is', async (t) => {
  const send = await sentAlert();
  const run = await cli(['sends', 'cancel', send.sendId, '--json'], env);
  t.equal(run.code, ExitCode.OK, run.stderr);
  t.equal(run.json<SendResponse>().state, 'completed');
});

t.test('send --all over 1000 tokens is a broadcast: the CLI says how to follow and cancel it', async (t) => {
  await seedDevices(svc.app, svc.pushKit.account, 1500);
  const run = await cli(['send', '--category', 'IM', '--title', 'All', '--body', 'Everyone', '--all', '--json'], env);
  t.equal(run.code, ExitCode.OK, run.stderr);
  const send = run.json<SendResponse>();
  t.equal(send.state, 'queued');
  const text = await cli(['sends', 'show', send.sendId], env);
  t.match(text.stdout, new RegExp(`send ${send.sendId}: alert, (queued|sending|completed)`));
  const cancel = await cli(['sends', 'cancel', send.sendId, '--json'], env);
  t.equal(cancel.code, ExitCode.OK, cancel.stderr);
  t.match(cancel.json<SendResponse>().state, /^(cancelled|completed)$/);
  await waitFor(svc.app, send.sendId, (state) => ['cancelled', 'completed'].includes(state.state as string));
  const again = await cli(['send', '--category', 'IM', '--title', 'All', '--body', 'Everyone', '--all'], env);
  t.match(again.stdout, /a broadcast: follow it with harmony-push sends show [0-9a-f-]{36}, stop it with harmony-push sends cancel/);
});

t.test('a command without its subcommand or argument is a usage error', async (t) => {
  t.equal((await cli(['sends'], env)).code, ExitCode.USAGE);
  t.equal((await cli(['sends', 'show'], env)).code, ExitCode.USAGE);
  t.equal((await cli(['sends', 'frobnicate', 'x'], env)).code, ExitCode.USAGE);
});

/** A server answering POST /sends/:id/revoke and GET /quota as the contract says (those routes are built in issue 13). */
async function contractServer(t: Test, answers: { revoke: RevokeResponse | number; quota: QuotaResponse }) {
  const stub = Fastify();
  stub.post('/sends/:id/revoke', async (request, reply) => {
    if (request.headers.authorization !== `Bearer ${ADMIN_KEY}`) return reply.code(401).send({ error: 'UNAUTHORIZED', message: 'no' });
    if (typeof answers.revoke === 'number') return reply.code(answers.revoke).send({ error: 'DATABASE_UNAVAILABLE', message: 'down' });
    return { ...answers.revoke, sendId: (request.params as { id: string }).id };
  });
  stub.get('/quota', async () => answers.quota);
  t.teardown(() => stub.close());
  return stub.listen({ port: 0, host: '127.0.0.1' });
}

t.test('sends revoke prints Push Kit\'s answer per batch; some failed: exit 1', async (t) => {
  const revoke: RevokeResponse = { sendId: '', notifyId: 77, revoked: 2, failed: 0, batches: [{ requestId: 'r1', code: '80000000', msg: 'Success', tokens: 2 }] };
  const id = randomUUID();
  const url = await contractServer(t, { revoke, quota: { testMessages: { day: '2026-11-30', used: 3, limit: 1000 } } });
  const run = await cli(['sends', 'revoke', id], { HARMONY_PUSH_URL: url, HARMONY_PUSH_ADMIN_KEY: ADMIN_KEY });
  t.equal(run.code, ExitCode.OK, run.stderr);
  t.match(run.stdout, `send ${id}: notifyId 77 revoked on 2 tokens, 0 failed`);
  t.match(run.stdout, 'batch r1: 2 tokens, Push Kit 80000000 Success');
  const partly = await contractServer(t, { revoke: { ...revoke, revoked: 1, failed: 1 }, quota: { testMessages: { day: '2026-11-30', used: 3, limit: 1000 } } });
  t.equal((await cli(['sends', 'revoke', id], { HARMONY_PUSH_URL: partly, HARMONY_PUSH_ADMIN_KEY: ADMIN_KEY })).code, ExitCode.FAILED);
});

t.test('a 5xx answer: exit 4', async (t) => {
  const url = await contractServer(t, { revoke: 503, quota: { testMessages: { day: '2026-11-30', used: 0, limit: 1000 } } });
  const run = await cli(['sends', 'revoke', randomUUID(), '--json'], { HARMONY_PUSH_URL: url, HARMONY_PUSH_ADMIN_KEY: ADMIN_KEY });
  t.equal(run.code, ExitCode.UNAVAILABLE);
  t.match(run.json(), { error: 'DATABASE_UNAVAILABLE', exitCode: ExitCode.UNAVAILABLE });
});

t.test('quota prints the test messages left today', async (t) => {
  const quota = { testMessages: { day: '2026-11-30', used: 998, limit: 1000 } };
  const url = await contractServer(t, { revoke: 503, quota });
  const run = await cli(['quota'], { HARMONY_PUSH_URL: url, HARMONY_PUSH_ADMIN_KEY: ADMIN_KEY });
  t.equal(run.code, ExitCode.OK, run.stderr);
  t.match(run.stdout, 'test messages on 2026-11-30: 998 of 1000 used, 2 left');
  t.same((await cli(['quota', '--json'], { HARMONY_PUSH_URL: url, HARMONY_PUSH_ADMIN_KEY: ADMIN_KEY })).json(), quota);
});
