import t from 'tap';
import { FaultInjector } from '../../src/emulator/faults';
import { FlowControl, type Sent } from '../../src/pushkit/flow-control';
import { VirtualTime } from '../helpers/virtual-time';

function controlled(tokensPerSecond = 0) {
  let clock = 0;
  const sleeps: number[] = [];
  const flow = new FlowControl({
    maxConcurrency: 8,
    tokensPerSecond,
    burstTokens: 1000,
    basePauseMs: 100,
    maxPauseMs: 1000,
    now: () => clock,
    sleep: async (ms) => {
      sleeps.push(ms);
      clock += ms;
    },
    random: () => 1
  });
  return { flow, sleeps, advance: (ms: number) => (clock += ms), time: () => clock };
}

/** Sends one request of `tokens` and returns the record of its sending, unanswered. */
async function send(c: ReturnType<typeof controlled>, tokens = 1000): Promise<Sent> {
  return c.flow.run(tokens, async (sent) => sent);
}

/** Sends `requests` requests of `tokens` each, back to back; returns the tokens per second they went at. */
async function pace(c: ReturnType<typeof controlled>, requests: number, tokens = 1000): Promise<number> {
  const start = c.time();
  for (let i = 0; i < requests; i++) {
    await c.flow.run(tokens, async () => undefined);
    c.flow.succeeded();
  }
  return (requests * tokens) / ((c.time() - start) / 1000);
}

function virtualFlow(time: VirtualTime, options: { maxConcurrency: number; tokensPerSecond: number }): FlowControl {
  const clock = { now: () => time.now, sleep: time.sleep, random: () => 0.5 };
  return new FlowControl({ ...options, ...clock, burstTokens: 1000, basePauseMs: 500, maxPauseMs: 30_000 });
}

/**
 * A broadcast of `requests` requests of 1000 tokens by `concurrency` workers through the emulator's QPS limiter at
 * `limit` tokens/s, on a virtual clock; the sender is not told the limit. Each way takes 2.5 to 22 ms, so requests
 * overtake each other.
 */
async function broadcast(limit: number, requests: number, concurrency = 16) {
  const time = new VirtualTime();
  const pushKit = new FaultInjector({ qpsLimit: limit }, () => time.now, () => 0.5);
  const flow = virtualFlow(time, { maxConcurrency: concurrency, tokensPerSecond: 0 });
  let seed = 7;
  const latency = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return 5 + (seed % 40);
  };
  let next = 0;
  let sent = 0;
  let refused = 0;
  const worker = async () => {
    while (next < requests) {
      next += 1;
      for (;;) {
        const admitted = await flow.run(1000, async (sending) => {
          await time.sleep(latency() / 2);
          const admission = pushKit.admit(1000);
          await time.sleep(latency() / 2);
          // As the sender does: the 503 is reported before the request settles.
          if (!admission.admitted) flow.throttled(sending, admission.retryAfterSeconds * 1000);
          return admission.admitted;
        });
        sent += 1;
        if (admitted) {
          flow.succeeded();
          break;
        }
        refused += 1;
      }
    }
  };
  await time.until(Promise.all(Array.from({ length: concurrency }, worker)));
  return { sent, refused, ratio: (requests * 1000) / (time.now / 1000) / limit };
}

t.test('the rate counts tokens: a known 500 tokens/s lets a 1000-token request through every 2 s', async (t) => {
  const c = controlled(500);
  await c.flow.run(1000, async () => 'first');
  t.same(c.sleeps, [], 'a full request fits the burst');
  await c.flow.run(1000, async () => 'second');
  t.same(c.sleeps, [2000], 'the next waits for 1000 tokens at 500/s');
  await c.flow.run(100, async () => 'small');
  t.same(c.sleeps.slice(1), [200], 'a small request waits only for its own tokens');
});

t.test('a 503 slows the rate, drains the bucket and honours Retry-After', async (t) => {
  const c = controlled(10_000);
  t.equal(c.flow.tokensPerSecond, 10_000);
  c.flow.throttled(await send(c), 3000);
  t.ok(c.flow.tokensPerSecond < 10_000, `slowed to ${c.flow.tokensPerSecond} tokens/s`);
  await c.flow.run(1000, async () => undefined);
  t.ok(c.sleeps.at(-1)! >= 3000, `waited ${c.sleeps.at(-1)} ms: Retry-After first`);
  const again = controlled(10_000);
  again.flow.throttled(await send(again));
  await again.flow.run(1, async () => undefined);
  t.ok(again.sleeps[0] > 0 && again.sleeps[0] <= 100, 'without Retry-After, a jittered pause');
});

t.test('with the limit unknown the rate probes upward while it is what holds requests back', async (t) => {
  const c = controlled(0);
  const start = c.flow.tokensPerSecond;
  await pace(c, 20);
  t.ok(c.flow.tokensPerSecond >= start * 4, `grew from ${start} to ${c.flow.tokensPerSecond} tokens/s`);
  const idle = controlled(0);
  for (let i = 0; i < 20; i++) {
    idle.advance(5000);
    await idle.flow.run(10, async () => undefined);
    idle.flow.succeeded();
  }
  t.equal(idle.flow.tokensPerSecond, start, 'a sender that is not held back does not inflate its rate');
});

t.test('503s of requests sent before a cut are one congestion event: one cut, however late they come', async (t) => {
  const c = controlled(10_000);
  const inFlight = [await send(c), await send(c), await send(c)];
  c.flow.throttled(inFlight[0], 1000);
  const cut = c.flow.tokensPerSecond;
  t.ok(cut < 10_000, `the first 503 cuts to ${cut} tokens/s`);
  c.advance(1500);
  c.flow.throttled(inFlight[1], 1000);
  c.advance(1500);
  c.flow.throttled(inFlight[2], 1000);
  t.equal(c.flow.tokensPerSecond, cut, 'the other requests in flight met the same overload');
  t.equal(c.flow.throttles, 3, 'every 503 is counted');
  c.flow.throttled(await send(c), 1000);
  t.ok(c.flow.tokensPerSecond < cut, 'a request sent after the cut and refused is a new event');
});

t.test('a sporadic 503 after 30 s of steady sending costs a few percent of the rate, not a fifth', async (t) => {
  const c = controlled(10_000);
  const rate = await pace(c, 300);
  c.flow.throttled(await send(c));
  t.ok(c.flow.tokensPerSecond >= rate * 0.9, `${Math.round(rate)} → ${c.flow.tokensPerSecond} tokens/s`);
  t.ok(c.flow.tokensPerSecond < rate, 'but it slows down');
});

t.test('after a 503 the rate stays under the ceiling it revealed, probing above after 20 s without one', async (t) => {
  const c = controlled(10_000);
  await pace(c, 50);
  c.flow.throttled(await send(c));
  const settled = c.flow.tokensPerSecond;
  const start = c.time();
  const rates: number[] = [];
  while (c.time() - start < 19_000) {
    await pace(c, 5);
    rates.push(c.flow.tokensPerSecond);
  }
  t.ok(rates.every((rate) => rate === settled), `stays at ${settled} tokens/s for 19 s`);
  while (c.time() - start < 21_000) await pace(c, 5);
  t.ok(c.flow.tokensPerSecond > settled, `then probes: ${settled} → ${c.flow.tokensPerSecond} tokens/s`);
  t.ok(c.flow.tokensPerSecond <= settled * 1.05, 'by a small step');
});

t.test('after a 503 nothing new leaves until the requests in flight at the cut are answered', async (t) => {
  const time = new VirtualTime();
  const flow = virtualFlow(time, { maxConcurrency: 4, tokensPerSecond: 10_000 });
  const answeredAt: number[] = [];
  const slow = (ms: number) =>
    flow.run(1000, async () => {
      await time.sleep(ms);
      answeredAt.push(time.now);
      flow.succeeded();
    });
  const work = (async () => {
    const inFlight = [slow(3000), slow(3000)];
    const refused = await flow.run(1000, async (sent) => {
      await time.sleep(50);
      return sent;
    });
    flow.throttled(refused, 1000);
    const next = await flow.run(1000, async (sent) => sent);
    await Promise.all(inFlight);
    return next;
  })();
  const next = await time.until(work);
  t.ok(next.at >= Math.max(...answeredAt), `sent at ${next.at} ms, after both answers (${answeredAt.join(', ')} ms)`);
  t.ok(next.at > 1050, 'and after Retry-After');
});

t.test('a slow start that cannot use its rate (slow answers, few slots) does not inflate it', async (t) => {
  const time = new VirtualTime();
  const flow = virtualFlow(time, { maxConcurrency: 4, tokensPerSecond: 0 });
  let answers = 0;
  const worker = async () => {
    while (time.now < 30_000) {
      // Answers take 3 to 5 s.
      await flow.run(1000, () => time.sleep(3000 + ((answers++ * 737) % 2000)));
      flow.succeeded();
    }
  };
  await time.until(Promise.all(Array.from({ length: 4 }, worker)));
  t.ok(flow.tokensPerSecond <= 2000, `4 requests per 3 to 5 s use about 1000 tokens/s: rate ${flow.tokensPerSecond}`);
});

t.test('an unknown limit is found with at most 1% of requests refused, at 0.9 of the limit or more', async (t) => {
  for (const limit of [3000, 6000]) {
    const run = await broadcast(limit, 200);
    t.ok(run.refused / run.sent <= 0.01, `R = ${limit}: ${run.refused} of ${run.sent} requests answered 503`);
    t.ok(run.ratio >= 0.9, `R = ${limit}: ${run.ratio.toFixed(3)} of the limit achieved`);
  }
});

t.test('at most `maxConcurrency` requests run at once', async (t) => {
  const { flow } = controlled(1_000_000);
  let running = 0;
  let peak = 0;
  const release: (() => void)[] = [];
  const tasks = Array.from({ length: 20 }, () =>
    flow.run(1, async () => {
      running += 1;
      peak = Math.max(peak, running);
      await new Promise<void>((resolve) => release.push(resolve));
      running -= 1;
    })
  );
  while (release.length < 8) await new Promise((resolve) => setImmediate(resolve));
  t.equal(running, 8);
  while (release.length > 0 || running > 0) {
    release.shift()?.();
    await new Promise((resolve) => setImmediate(resolve));
  }
  await Promise.all(tasks);
  t.equal(peak, 8);
});

t.test('503s in a row pause longer each time, doubling up to maxPauseMs; an answer starts over', async (t) => {
  const c = controlled(10_000); // basePauseMs 100, maxPauseMs 1000; random 1: each pause is its ceiling
  const pauseAfter503 = async () => {
    c.flow.throttled(await send(c));
    const before = c.sleeps.length;
    await c.flow.run(1, async () => undefined);
    return c.sleeps[before];
  };
  const pauses: number[] = [];
  for (let i = 0; i < 6; i++) pauses.push(await pauseAfter503());
  t.same(pauses, [100, 200, 400, 800, 1000, 1000]);
  c.flow.succeeded();
  t.equal(await pauseAfter503(), 100);
});

t.test('a 503 with under a second of sending to go by cuts the rate by a fifth, then the margin', async (t) => {
  const known = controlled(10_000);
  known.flow.throttled(await send(known));
  t.equal(known.flow.tokensPerSecond, 7760, 'a configured threshold: 10,000 × 0.8 × 0.97');
  const unknown = controlled(0);
  unknown.flow.throttled(await send(unknown));
  t.equal(unknown.flow.tokensPerSecond, 776, 'an unknown limit, from its start of 1000: 1000 × 0.8 × 0.97');
});

t.test('a configured threshold is used as it is, and probed 3% above after exactly 20 s of using it', async (t) => {
  const c = controlled(1000);
  t.equal(c.flow.tokensPerSecond, 1000);
  await pace(c, 20);
  t.equal(c.flow.tokensPerSecond, 1000, `not after ${c.time()} ms`);
  await pace(c, 1);
  t.equal(c.time(), 20_000);
  t.equal(c.flow.tokensPerSecond, 1030, 'at 20 s');
});

t.test('with the limit unknown the rate rises only after an answer since it last changed', async (t) => {
  const c = controlled(0);
  for (let i = 0; i < 10; i++) await send(c);
  t.equal(c.flow.tokensPerSecond, 1000, 'requests without answers teach nothing');
  c.flow.succeeded();
  for (let i = 0; i < 10; i++) await send(c);
  t.equal(c.flow.tokensPerSecond, 2000, 'one answer, one step');
});

t.test('without injected clocks the sender waits on timers, leaving the event loop free, and jitters its pauses', async (t) => {
  const flow = new FlowControl({ maxConcurrency: 2, tokensPerSecond: 50_000, burstTokens: 1000, basePauseMs: 20, maxPauseMs: 20 });
  await flow.run(1000, async () => undefined);
  let otherWork = false;
  setImmediate(() => (otherWork = true));
  t.ok(await flow.run(1000, async () => otherWork), 'other work ran while the request waited for its tokens');
  flow.throttled(await flow.run(1, async (sent) => sent));
  t.equal(await flow.run(1, async () => 'after the pause'), 'after the pause', 'a 503 without Retry-After: a random pause');
});

/** Sends one request of 1000 tokens that stays in flight until `answer()`. */
async function inFlight(c: ReturnType<typeof controlled>) {
  let answer = () => {};
  let done: Promise<void> = Promise.resolve();
  const sent = await new Promise<Sent>((started) => {
    done = c.flow.run(1000, (s) => {
      started(s);
      return new Promise<void>((resolve) => (answer = resolve));
    });
  });
  return { sent, answer: () => (answer(), done) };
}

// The ceiling a 503 reveals (demonstratedRate): over the s seconds before the refused request, the tokens of the requests
// Push Kit did not refuse, plus half the refused one, are s + 1 seconds' worth; the largest such rate over the windows.
t.test('a 503 sets the ceiling to what Push Kit demonstrably took, from a second of sending on', async (t) => {
  const c = controlled(10_000); // 1000-token requests every 100 ms
  for (let i = 0; i < 21; i++) await send(c);
  c.flow.throttled(await send(c));
  t.equal(c.time(), 2100);
  t.equal(c.flow.tokensPerSecond, Math.round((21_500 / 3.1) * 0.97), '21 requests and half of one over 2.1 + 1 s, less the margin');

  const second = controlled(10_000);
  for (let i = 0; i < 10; i++) await send(second);
  second.flow.throttled(await send(second));
  t.equal(second.time(), 1000);
  t.equal(second.flow.tokensPerSecond, Math.round(5250 * 0.97), 'exactly one second is evidence enough');

  const late = controlled(10_000);
  late.advance(60_000);
  late.flow.throttled(await send(late));
  t.equal(late.flow.tokensPerSecond, 7760, 'a single request, however late, is no evidence: the rate is cut by a fifth');
});

t.test('once the requests in flight at a 503 are answered, those refused too no longer count as taken', async (t) => {
  const c = controlled(10_000);
  for (let i = 0; i < 10; i++) await send(c);
  const a = await inFlight(c);
  const b = await inFlight(c);
  c.flow.throttled(await send(c));
  t.equal(c.time(), 1200);
  t.equal(c.flow.tokensPerSecond, Math.round((12_500 / 2.2) * 0.97), 'both in flight counted as taken');
  await a.answer();
  c.flow.throttled(a.sent); // as the sender does: answered 503
  await b.answer();
  t.equal(c.flow.tokensPerSecond, Math.round((11_500 / 2.2) * 0.97), 'the refused one no longer counts');
});
