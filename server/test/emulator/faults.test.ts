import t from 'tap';
import { PushType } from '@harmony-push/shared';
import { FaultInjector } from '../../src/emulator/faults';
import { startTestEmulator } from '../helpers/emulator';

/** Draws from a fixed list, in order, for deterministic fault decisions. */
const draws = (...values: number[]) => {
  let next = 0;
  return () => values[next++ % values.length];
};

t.test('FaultInjector: drop and error shares', async (t) => {
  const clock = { ms: 10_000 };
  const injector = new FaultInjector({ dropRate: 0.1, errorRate: 0.2, errorStatuses: [502, 503] }, () => clock.ms, draws(0.05, 0.15, 0.9, 0.25, 0.5, 0.31));
  t.same(injector.decide(), { kind: 'drop' }, '0.05 < dropRate');
  t.same(injector.decide(), { kind: 'status', status: 503 }, '0.15 within the error share; 0.9 picks the second status');
  t.same(injector.decide(), { kind: 'status', status: 503 }, '0.25 within the error share; 0.5 picks the second status');
  t.same(injector.decide(), { kind: 'none' }, '0.31 beyond both shares');

  injector.set({ qpsLimit: 2 });
  t.same(injector.current, { errorRate: 0, errorStatuses: [500, 502, 503], latencyMs: 0, dropRate: 0, qpsLimit: 2 });
});

t.test('errorRate 0.2: the requests whose draw falls in the share fail with a chosen status', async (t) => {
  const sequence = [0.1, 0, 0.5, 0.7, 0.9, 0.3, 0.19, 0.99, 0.6, 0.45, 0.2];
  const emulator = await startTestEmulator(t, { faults: { errorRate: 0.2, errorStatuses: [500, 502] }, random: draws(...sequence) });
  const body = { payload: { extraData: 'x' }, target: { token: [await emulator.device()] } };
  const statuses: number[] = [];
  for (let i = 0; i < 8; i += 1) {
    const res = await emulator.app.inject({
      method: 'POST',
      url: `/v3/${emulator.account.projectId}/messages:send`,
      headers: { 'push-type': '6', authorization: `Bearer ${await emulator.jwt.token()}` },
      payload: body
    });
    statuses.push(res.statusCode);
  }
  t.same(statuses, [500, 200, 200, 200, 200, 502, 200, 200]);
});

t.test('injected 500 is Push Kit JSON; 502 and 503 look like a gateway', async (t) => {
  for (const status of [500, 502, 503] as const) {
    const emulator = await startTestEmulator(t, { faults: { errorRate: 1, errorStatuses: [status] } });
    const res = await emulator.app.inject({
      method: 'POST',
      url: `/v3/${emulator.account.projectId}/messages:send`,
      headers: { 'push-type': '6', authorization: `Bearer ${await emulator.jwt.token()}` },
      payload: { payload: { extraData: 'x' }, target: { token: ['t'] } }
    });
    t.equal(res.statusCode, status);
    if (status === 500) t.match(res.json(), { code: '81000001', msg: 'Inner Error.', requestId: /^\d+$/ });
    else t.match(res.headers['content-type'], /text\/html/, `${status} is not JSON`);
  }
});

t.test('faults hit before authentication, and never the control routes', async (t) => {
  const emulator = await startTestEmulator(t, { faults: { errorRate: 1, errorStatuses: [503] } });
  const unauthenticated = await emulator.send(PushType.BACKGROUND, {}, { authorization: null }).catch(() => undefined);
  t.equal(unauthenticated, undefined, 'the 503 body is not JSON');
  const res = await emulator.app.inject({ method: 'POST', url: '/emulator/devices', payload: {} });
  t.equal(res.statusCode, 201);
});

t.test('added latency goes through the sleep it was given', async (t) => {
  const slept: number[] = [];
  const emulator = await startTestEmulator(t, {
    faults: { latencyMs: 250 },
    sleep: async (ms) => {
      slept.push(ms);
    }
  });
  const answer = await emulator.send(PushType.BACKGROUND, { payload: { extraData: 'x' }, target: { token: [await emulator.device()] } });
  t.equal(answer.body.code, '80000000');
  t.same(slept, [250]);
});

/** A background message to `tokens` made-up tokens (all invalid: answered 400 once admitted). */
async function sendTokens(emulator: Awaited<ReturnType<typeof startTestEmulator>>, tokens: number) {
  return emulator.app.inject({
    method: 'POST',
    url: `/v3/${emulator.account.projectId}/messages:send`,
    headers: { 'push-type': '6', authorization: `Bearer ${await emulator.jwt.token()}` },
    payload: { payload: { extraData: 'x' }, target: { token: Array.from({ length: tokens }, (_, i) => `t${i}`) } }
  });
}

t.test('qpsLimit counts tokens per second ("每秒推送的设备个数", push-msg-freq-control); 503 says when to come back', async (t) => {
  const emulator = await startTestEmulator(t, { faults: { qpsLimit: 1500 } });
  const send = (tokens: number) => sendTokens(emulator, tokens);
  t.equal((await send(1000)).statusCode, 400, '1000 tokens pass (all invalid here)');
  const over = await send(1000);
  t.equal(over.statusCode, 503, 'another 1000 in the same second is over 1500 tokens/s');
  t.equal(over.headers['retry-after'], '1');
  t.equal((await send(400)).statusCode, 400, 'what is left of the second still passes');
  emulator.clock.ms += 1000;
  t.equal((await send(1000)).statusCode, 400, 'the next second is open again');
});

t.test('below 1000 tokens/s a full request still passes: the burst is at least one request', async (t) => {
  const emulator = await startTestEmulator(t, { faults: { qpsLimit: 200 } });
  const send = (tokens: number) => sendTokens(emulator, tokens);
  t.equal((await send(1000)).statusCode, 400);
  const over = await send(1);
  t.equal(over.statusCode, 503);
  emulator.clock.ms += 5000;
  t.equal((await send(1000)).statusCode, 400, 'five seconds at 200 tokens/s refill one full request');
});

t.test('POST /emulator/faults replaces the faults in force; GET shows them', async (t) => {
  const emulator = await startTestEmulator(t);
  const set = await emulator.app.inject({ method: 'POST', url: '/emulator/faults', payload: { errorRate: 1, errorStatuses: [502] } });
  t.equal(set.statusCode, 200);
  t.same(set.json(), { errorRate: 1, errorStatuses: [502], latencyMs: 0, dropRate: 0, qpsLimit: 0 });
  const res = await emulator.app.inject({
    method: 'POST',
    url: `/v3/${emulator.account.projectId}/messages:send`,
    headers: { 'push-type': '6' },
    payload: {}
  });
  t.equal(res.statusCode, 502);
  await emulator.app.inject({ method: 'POST', url: '/emulator/faults', payload: {} });
  t.same((await emulator.app.inject({ method: 'GET', url: '/emulator/faults' })).json(), {
    errorRate: 0,
    errorStatuses: [500, 502, 503],
    latencyMs: 0,
    dropRate: 0,
    qpsLimit: 0
  });
  const bad = await emulator.app.inject({ method: 'POST', url: '/emulator/faults', payload: { errorRate: 2, jitter: 1 } });
  t.equal(bad.statusCode, 400);
  t.equal(bad.json().error, 'VALIDATION_FAILED');
});

t.test('a dropped connection gets no answer at all', async (t) => {
  const emulator = await startTestEmulator(t, { faults: { dropRate: 1 } });
  const base = await emulator.app.listen({ port: 0, host: '127.0.0.1' });
  await t.rejects(
    fetch(`${base}/v3/${emulator.account.projectId}/messages:send`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'push-type': '6' },
      body: '{}'
    }),
    { name: 'TypeError', message: 'fetch failed' }
  );
  const device = await fetch(`${base}/emulator/devices`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
  t.equal(device.status, 201, 'the emulator itself is still up');
});
