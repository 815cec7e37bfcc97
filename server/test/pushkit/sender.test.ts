import t, { type Test } from 'tap';
import type { FastifyInstance } from 'fastify';
import { PushType, TokenResultStatus } from '@harmony-push/shared';
import { AttemptFailure } from '../../src/pushkit/spec-choices';
import { FlowControl } from '../../src/pushkit/flow-control';
import { PushKitJwt } from '../../src/pushkit/jwt';
import type { SendBatch } from '@harmony-push/shared';
import type { TokenOutcome } from '../../src/pushkit/outcomes';
import { PushKitSender, type OutgoingMessage } from '../../src/pushkit/sender';
import type { ServiceAccount } from '../../src/pushkit/service-account';
import { PushKitTransport, type PushKitAnswer } from '../../src/pushkit/transport';
import { evenDraws, startTestEmulator, testAlert, TEST_RETRY } from '../helpers/pushkit';
import type { EmulatorOptions } from '../../src/emulator/app';
import { VirtualTime } from '../helpers/virtual-time';

const ALERT = testAlert('send-1');

interface Harness {
  emulator: FastifyInstance;
  sender: PushKitSender;
  jwt: PushKitJwt;
  flow: FlowControl;
  answers: string[];
  retries: string[];
  devices(count: number): Promise<string[]>;
  send(message: OutgoingMessage, tokens: string[]): Promise<{ outcomes: Map<string, TokenOutcome>; batches: SendBatch[] }>;
}

async function harness(
  t: Test,
  emulatorOptions: Partial<EmulatorOptions> = {},
  now?: () => number,
  tokensPerSecond = 0
): Promise<Harness> {
  const { emulator, account, pushKit } = await startTestEmulator(t, emulatorOptions);
  const transport = new PushKitTransport({
    baseUrl: pushKit.baseUrl,
    projectId: account.projectId,
    connections: 4,
    connectTimeoutMs: 2000,
    responseTimeoutMs: 5000
  });
  t.teardown(() => transport.close());
  const jwt = new PushKitJwt(account as ServiceAccount, now ? { now } : {});
  const flow = new FlowControl({ maxConcurrency: 4, tokensPerSecond, burstTokens: 1000, basePauseMs: 5, maxPauseMs: 50 });
  const answers: string[] = [];
  const retries: string[] = [];
  const sender = new PushKitSender(transport, jwt, flow, TEST_RETRY, {
    answered: (code) => answers.push(code),
    retried: (code) => retries.push(code)
  });
  return {
    emulator,
    sender,
    jwt,
    flow,
    answers,
    retries,
    async devices(count) {
      const tokens: string[] = [];
      for (let i = 0; i < count; i++) {
        const res = await emulator.inject({ method: 'POST', url: '/emulator/devices', payload: { deviceType: 'phone' } });
        tokens.push(res.json().token);
      }
      return tokens;
    },
    async send(message, tokens) {
      const outcomes = new Map<string, TokenOutcome>();
      const batches: SendBatch[] = [];
      await sender.send(message, tokens, (batch, report) => {
        for (const [token, outcome] of batch) outcomes.set(token, outcome);
        batches.push(report);
      });
      return { outcomes, batches };
    }
  };
}

const received = async (emulator: FastifyInstance, token: string): Promise<number> =>
  (await emulator.inject({ method: 'GET', url: `/emulator/messages?token=${token}` })).json().messages.length;

t.test('one JWT is signed for many sends', async (t) => {
  const h = await harness(t);
  const tokens = await h.devices(3);
  for (let i = 0; i < 20; i++) await h.send(ALERT, tokens);
  t.equal(h.jwt.signings, 1);
  t.equal(h.answers.length, 20);
});

t.test('with 20% injected faults every deliverable token is accepted exactly once', async (t) => {
  const h = await harness(t, { faults: { errorRate: 0.15, dropRate: 0.05 }, random: evenDraws() });
  const tokens = await h.devices(200);
  // Test messages go 10 tokens a request: 20 requests, so the faults meet many batches.
  const { outcomes, batches } = await h.send({ ...ALERT, pushOptions: { testMessage: true } }, tokens);
  t.equal(batches.length, 20);
  t.ok(h.retries.length > 0, `faults were met and retried (${h.retries.length} retries)`);
  t.same([...new Set([...outcomes.values()].map((outcome) => outcome.status))], ['accepted']);
  const counts = await Promise.all(tokens.map((token) => received(h.emulator, token)));
  t.same(counts, tokens.map(() => 1), 'each device got the message exactly once');
  t.ok(batches.some((batch) => batch.attempts > 1), 'some batches needed more than one attempt');
});

t.test('a 503 slows the whole sender', async (t) => {
  const h = await harness(t, { faults: { errorRate: 0.5, errorStatuses: [503] }, random: evenDraws() });
  const tokens = await h.devices(100);
  const { outcomes } = await h.send({ ...ALERT, pushOptions: { testMessage: true } }, tokens);
  t.ok(h.flow.throttles > 0, 'flow control saw the 503s');
  t.ok(h.retries.every((code) => code === 'HTTP_503'));
  t.equal([...outcomes.values()].filter((outcome) => outcome.status === 'accepted').length, 100);
});

t.test('retries are bounded: a Push Kit that keeps failing fails each token, not a hang', async (t) => {
  const h = await harness(t, { faults: { errorRate: 1, errorStatuses: [502] } });
  const tokens = await h.devices(2);
  const { outcomes, batches } = await h.send(ALERT, tokens);
  t.equal(batches[0].attempts, TEST_RETRY.attempts);
  for (const outcome of outcomes.values()) t.match(outcome, { status: 'failed', reason: /no answer after 10 attempts/ });
});

t.test('payload errors come back at once and are not retried', async (t) => {
  const h = await harness(t);
  const tokens = await h.devices(2);
  const { outcomes, batches } = await h.send({ pushType: PushType.ALERT, payload: { notification: { title: 'no category' } } }, tokens);
  t.equal(batches[0].attempts, 1);
  t.equal(batches[0].code, '80100003');
  for (const outcome of outcomes.values()) t.match(outcome, { status: 'failed', reason: /^80100003: Illegal payload/ });
});

t.test('an expired JWT is re-signed once and the batch goes through', async (t) => {
  // The first JWT is signed by a clock three hours slow: Push Kit finds it expired (80200005).
  let clockReads = 0;
  const h = await harness(t, {}, () => Date.now() - (clockReads++ === 0 ? 3 * 3600_000 : 0));
  const tokens = await h.devices(1);
  const { outcomes, batches } = await h.send(ALERT, tokens);
  t.same(h.answers, ['80200005', '80000000']);
  t.equal(h.jwt.signings, 2);
  t.equal(batches[0].attempts, 2);
  t.same([...outcomes.values()], [{ status: 'accepted' }]);
});

t.test('permission reasons and dead tokens come back per token', async (t) => {
  const h = await harness(t, { withoutRights: [PushType.VOIP_CALL] });
  const tokens = await h.devices(2);
  const voip = await h.send({ pushType: PushType.VOIP_CALL, payload: { extraData: '{"scene":"voice"}' } }, tokens);
  t.equal(voip.batches[0].code, '80300007');
  t.same([...voip.outcomes.values()], tokens.map(() => ({ status: 'failed', reason: 'noPushTypeRight' })));
  const mixed = await h.send(ALERT, [...tokens, 'not-a-token-of-this-emulator']);
  t.equal(mixed.batches[0].code, '80100000');
  t.same(mixed.outcomes.get('not-a-token-of-this-emulator'), { status: 'failed', reason: 'tokenFormatError' });
  t.match(mixed.batches[0].msg, /2 accepted, refused: tokenFormatError ×1/);
  t.notOk(mixed.batches[0].msg.includes('not-a-token'), 'batch summaries carry no tokens');
});

t.test('over the QPS limit: the 503 Retry-After pauses the sender and the rate comes down', async (t) => {
  // The sender believes in 100,000 tokens/s; the emulator takes 1000 tokens/s (a burst of one request). Made-up
  // tokens count against the limit like real ones; once admitted, Push Kit refuses them (80300007).
  const h = await harness(t, { faults: { qpsLimit: 1000 } }, undefined, 100_000);
  const tokens = Array.from({ length: 3000 }, (_, i) => `made-up-${i}`);
  const started = Date.now();
  const { batches } = await h.send(ALERT, tokens);
  t.ok(h.answers.includes('HTTP_503'), 'the limit was met');
  t.ok(h.flow.tokensPerSecond < 100_000, `the rate came down to ${h.flow.tokensPerSecond} tokens/s`);
  t.ok(Date.now() - started >= 1900, 'three requests of 1000 tokens at 1000 tokens/s take two seconds at least');
  t.same(batches.map((batch) => batch.code), ['80300007', '80300007', '80300007'], 'every batch got its answer');
});

/** One step of a scripted Push Kit: an answer after a delay, or an error thrown as undici throws it. */
type Step = { afterMs?: number; answer: PushKitAnswer } | { error: { code?: unknown } };

const SUCCESS: PushKitAnswer = { status: 200, body: { code: '80000000', msg: 'Success', requestId: 'ok' } };

/** A sender over a Push Kit that answers each request with the next step, on a virtual clock. */
function scripted(steps: Step[], options: { tokensPerSecond?: number; attempts?: number; observerFault?: Error } = {}) {
  const time = new VirtualTime();
  // Not at 0: a clock reading of 0 would hide mistakes of `??` and `||` about the first attempt's time.
  const start = (time.now = 1_000_000);
  const flow = new FlowControl({
    maxConcurrency: 4, tokensPerSecond: options.tokensPerSecond ?? 1_000_000, burstTokens: 1000, basePauseMs: 100, maxPauseMs: 1000,
    now: () => time.now, sleep: time.sleep, random: () => 1
  });
  const sentAt: number[] = [];
  const bodies: string[] = [];
  const next = async (body: string): Promise<PushKitAnswer> => {
    sentAt.push(time.now - start);
    bodies.push(body);
    const step = steps[sentAt.length - 1] ?? { answer: SUCCESS };
    if ('error' in step) throw Object.assign(new Error('network'), step.error);
    await time.sleep(step.afterMs ?? 0);
    return step.answer;
  };
  const transport = { canRevoke: true, send: (_: PushType, __: string, body: string) => next(body), revoke: (_: PushType, __: string, body: string) => next(body) };
  const jwt = { invalidations: 0, token: async () => 'signed', invalidate: () => void (jwt.invalidations += 1) };
  const retry = { ...TEST_RETRY, attempts: options.attempts ?? TEST_RETRY.attempts };
  const answers: string[] = [];
  const retries: string[] = [];
  const observer = {
    answered: (code: string) => {
      if (options.observerFault) throw options.observerFault;
      answers.push(code);
    },
    retried: (code: string) => void retries.push(code)
  };
  const sender = new PushKitSender(transport, jwt, flow, retry, observer, () => time.now);
  return {
    time, flow, sentAt, bodies, sender, jwt, answers, retries,
    async send(message: OutgoingMessage, tokens: string[]) {
      const outcomes = new Map<string, TokenOutcome>();
      const batches: SendBatch[] = [];
      await time.until(
        sender.send(message, tokens, (batch, report) => {
          for (const [token, outcome] of batch) outcomes.set(token, outcome);
          batches.push(report);
        })
      );
      return { outcomes, batches };
    }
  };
}

const LIVE_VIEW: OutgoingMessage = { pushType: PushType.LIVE_VIEW, payload: { activityId: 1, operation: 0, event: 'TAXI' } as never };

t.test('a 503 pauses the requests waiting for its answer: none leaves between the answer and the pause', async (t) => {
  // Request A is refused at 150 ms: a cut, a 100 ms pause, and nothing new leaves until B, in flight at the cut, is
  // answered. B is refused too, at 500 ms, after A's pause ended: its own 503 pauses the sender for 200 ms (the
  // second in a row), and C, waiting behind B, must wait for that pause instead of leaving with B's answer.
  const s = scripted([{ afterMs: 150, answer: { status: 503 } }, { afterMs: 400, answer: { status: 503 } }, { afterMs: 10, answer: SUCCESS }], {
    tokensPerSecond: 10_000,
    attempts: 1
  });
  const { batches } = await s.send(ALERT, Array.from({ length: 3000 }, (_, i) => `token-${i}`));
  t.same(s.sentAt.slice(0, 2), [0, 100], 'A and B left 100 ms apart, at 10,000 tokens/s');
  t.equal(s.sentAt.length, 3);
  t.ok(s.sentAt[2] >= 700, `C left at ${s.sentAt[2]} ms: after B's 503 at 500 ms and its 200 ms pause`);
  t.same(batches.map((batch) => batch.code).sort(), ['80000000', 'HTTP_503', 'HTTP_503']);
  t.equal(s.flow.throttles, 2);
});

t.test('a connection error before a byte left is retried for every push-type; any other leaves Live View unknown', async (t) => {
  // undici's codes for a request that never reached Push Kit (push-scenariozed-api-request-struct: nothing was taken).
  for (const code of ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'UND_ERR_CONNECT_TIMEOUT']) {
    const s = scripted([{ error: { code } }]);
    const { outcomes, batches } = await s.send(LIVE_VIEW, ['t1']);
    t.equal(outcomes.get('t1')?.status, TokenResultStatus.ACCEPTED, `${code}: sent again and accepted`);
    t.equal(batches[0].attempts, 2, `${code}: two attempts`);
  }
  // Once the request may have left, Push Kit may have shown it: a Live View is not sent twice.
  for (const error of [{ code: 'ECONNRESET' }, { code: 'UND_ERR_SOCKET' }, {}, { code: 42 }]) {
    const s = scripted([{ error }]);
    const { outcomes, batches } = await s.send(LIVE_VIEW, ['t1']);
    t.same(outcomes.get('t1'), { status: TokenResultStatus.UNKNOWN, reason: `no answer after 1 attempt (last: ${AttemptFailure.NO_ANSWER})` }, `${JSON.stringify(error)}: unknown`);
    t.equal(s.sentAt.length, 1, 'sent once');
    t.same(batches[0], { requestId: '', code: AttemptFailure.NO_ANSWER, msg: `no answer after 1 attempt (last: ${AttemptFailure.NO_ANSWER})`, tokens: 1, attempts: 1 });
  }
});

t.test('an alert without an appMessageId is not sent again once Push Kit may have taken it', async (t) => {
  // The device drops a repeated appMessageId (push-scenariozed-api-request-param); a badge-only alert carries none.
  const notification = { ...(ALERT.payload as { notification: object }).notification, appMessageId: undefined };
  const bare: OutgoingMessage = { pushType: PushType.ALERT, payload: { notification } };
  for (const [message, name] of [[bare, 'alert'], [{ ...bare, pushType: PushType.EXTENSION }, 'extension']] as const) {
    const s = scripted([{ answer: { status: 500 } }]);
    const { outcomes } = await s.send(message, ['t1']);
    t.equal(outcomes.get('t1')?.status, TokenResultStatus.UNKNOWN, `${name} without appMessageId: unknown after a 500`);
    t.equal(s.sentAt.length, 1);
  }
  for (const message of [ALERT, { ...ALERT, pushType: PushType.EXTENSION }, { pushType: PushType.BACKGROUND, payload: { extraData: '{}' } }]) {
    const s = scripted([{ answer: { status: 500 } }]);
    const { outcomes } = await s.send(message, ['t1']);
    t.equal(outcomes.get('t1')?.status, TokenResultStatus.ACCEPTED, `push-type ${message.pushType}: a repeat is harmless, sent again`);
    t.same(s.answers, ['HTTP_500', '80000000']);
    t.same(s.retries, ['HTTP_500']);
  }
});

t.test('no retry starts once the retry window since the first attempt on the wire has passed', async (t) => {
  // TEST_RETRY.totalMs is 10 s. Each 502 comes 5 s after its request: the first attempt's answer at 5 s is within the
  // window, the second's at exactly 10 s is not.
  const slow502 = { afterMs: 5000, answer: { status: 502 } };
  const s = scripted([slow502, slow502, slow502]);
  const { outcomes, batches } = await s.send(ALERT, ['t1']);
  t.equal(batches[0].attempts, 2);
  t.same(outcomes.get('t1'), { status: TokenResultStatus.FAILED, reason: 'no answer after 2 attempts (last: HTTP_502)' });
  t.same(s.retries, ['HTTP_502']);
  t.equal(s.flow.throttles, 0, 'a 502 is no flow control: the rate stays');
});

t.test('a second 401 in a row is final: the JWT is re-signed once per batch', async (t) => {
  const unauthorized = { answer: { status: 401, body: { code: '80200003', msg: 'Request unauthorized', requestId: 'r401' } } };
  const s = scripted([unauthorized, unauthorized, unauthorized]);
  const { outcomes, batches } = await s.send(ALERT, ['t1', 't2']);
  t.equal(s.jwt.invalidations, 1);
  t.same(batches, [{ requestId: 'r401', code: '80200003', msg: 'Request unauthorized', tokens: 2, attempts: 2 }]);
  t.same(outcomes.get('t2'), { status: TokenResultStatus.FAILED, reason: '80200003: Request unauthorized' });
});

t.test('each batch carries the message as given and its own tokens; a refused one answers with its code', async (t) => {
  const s = scripted([{ answer: { status: 400, body: { code: '80100003', msg: 'Illegal payload', requestId: 'bad' } } }]);
  const message: OutgoingMessage = { ...ALERT, pushOptions: { ttl: 60 } };
  const tokens = Array.from({ length: 1001 }, (_, i) => `t${i}`);
  const { outcomes, batches } = await s.send(message, tokens);
  t.same(s.bodies.map((body) => JSON.parse(body)).sort((a, b) => b.target.token.length - a.target.token.length), [
    { payload: message.payload, pushOptions: { ttl: 60 }, target: { token: tokens.slice(0, 1000) } },
    { payload: message.payload, pushOptions: { ttl: 60 }, target: { token: tokens.slice(1000) } }
  ], 'two requests: 1000 tokens, then 1');
  t.same(batches.map((batch) => [batch.requestId, batch.code, batch.msg, batch.tokens, batch.attempts]), [
    ['bad', '80100003', 'Illegal payload', 1000, 1],
    ['ok', '80000000', '1 accepted', 1, 1]
  ]);
  t.equal([...outcomes.values()].filter((o) => o.status === TokenResultStatus.FAILED && o.reason === '80100003: Illegal payload').length, 1000);
  t.same(outcomes.get('t1000'), { status: TokenResultStatus.ACCEPTED });
});

t.test('a revoke sends its notifyId and tokens once, with the same answers as a send', async (t) => {
  // A 500 may have been acted on; a repeated revoke is harmless, so it is sent again whatever the push-type.
  const s = scripted([{ answer: { status: 500 } }]);
  t.equal(s.sender.canRevoke, true);
  const { outcomes, report } = await s.time.until(s.sender.revoke(PushType.ALERT, 7, ['t1', 't2']));
  t.same(s.bodies.map((body) => JSON.parse(body)), [{ notifyId: 7, token: ['t1', 't2'] }, { notifyId: 7, token: ['t1', 't2'] }]);
  t.same([...outcomes.values()].map((o) => o.status), [TokenResultStatus.ACCEPTED, TokenResultStatus.ACCEPTED]);
  t.equal(report.attempts, 2);
});

t.test('the sender tells the flow control of every answer: with the limit unknown, answers let the rate rise', async (t) => {
  const s = scripted([], { tokensPerSecond: 0 });
  await s.send(ALERT, Array.from({ length: 10_000 }, (_, i) => `t${i}`));
  t.ok(s.flow.tokensPerSecond > 1000, `slow start rose to ${s.flow.tokensPerSecond} tokens/s`);
});

t.test("a batch's summary counts the refused tokens by reason, and names no token", async (t) => {
  const illegalTokens = { tokenFormatError: ['t2'], tokenNotExist: ['t3', 't4'] };
  const msg = JSON.stringify({ success: 1, failure: 3, illegalTokens });
  const s = scripted([{ answer: { status: 200, body: { code: '80100000', msg, requestId: 'part' } } }]);
  const { batches } = await s.send(ALERT, ['t1', 't2', 't3', 't4']);
  t.equal(batches[0].msg, '1 accepted, refused: tokenFormatError ×1, tokenNotExist ×2');
});

t.test("a fault of the server's own fails the send: it is not retried nor reported as Push Kit's", async (t) => {
  const fault = new Error('metrics are down');
  const s = scripted([], { observerFault: fault });
  await t.rejects(s.send(ALERT, ['t1']), fault);
  t.equal(s.sentAt.length, 1, 'sent once');
});
