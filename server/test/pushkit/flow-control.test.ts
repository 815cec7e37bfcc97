import t from 'tap';
import { FlowControl } from '../../src/pushkit/flow-control';

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

/** Sends `requests` requests of `tokens` each, back to back; returns the tokens per second they went at. */
async function pace(c: ReturnType<typeof controlled>, requests: number, tokens = 1000): Promise<number> {
  const start = c.time();
  for (let i = 0; i < requests; i++) {
    await c.flow.run(tokens, async () => undefined);
    c.flow.succeeded(tokens);
  }
  return (requests * tokens) / ((c.time() - start) / 1000);
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
  c.flow.throttled(3000);
  t.ok(c.flow.tokensPerSecond < 10_000, `slowed to ${c.flow.tokensPerSecond} tokens/s`);
  await c.flow.run(1000, async () => undefined);
  t.ok(c.sleeps[0] >= 3000, `waited ${c.sleeps[0]} ms: Retry-After first`);
  const again = controlled(10_000);
  again.flow.throttled();
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
    idle.flow.succeeded(10);
  }
  t.equal(idle.flow.tokensPerSecond, start, 'a sender that is not held back does not inflate its rate');
});

t.test('with the limit known, a 503 cuts by a fifth; the rate settles just under that and probes above only now and then', async (t) => {
  const c = controlled(20_000);
  c.flow.throttled();
  const rates: number[] = [];
  // About 8 s of sending: long enough to climb back, too short to probe above (every 30 s).
  for (let i = 0; i < 20; i++) {
    await pace(c, 8);
    rates.push(c.flow.tokensPerSecond);
  }
  t.ok(rates.every((rate) => rate <= 16_000), `stays at or under 16,000 tokens/s: ${rates.join(', ')}`);
  t.ok(rates.at(-1)! >= 15_000, 'and gets back close to it');
});

t.test('the first 503 of a slow start cuts down to what Push Kit took', async (t) => {
  const c = controlled(0);
  await pace(c, 30);
  const rate = c.flow.tokensPerSecond;
  c.flow.throttled();
  t.ok(c.flow.tokensPerSecond < rate * 0.6, `${rate} → ${c.flow.tokensPerSecond} tokens/s: deeper than a fifth`);
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
