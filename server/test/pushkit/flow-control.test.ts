import t from 'tap';
import { FlowControl } from '../../src/pushkit/flow-control';

function controlled() {
  let clock = 0;
  const sleeps: number[] = [];
  const flow = new FlowControl({
    maxConcurrency: 8,
    basePauseMs: 100,
    maxPauseMs: 1000,
    now: () => clock,
    sleep: async (ms) => {
      sleeps.push(ms);
      clock += ms;
    },
    random: () => 1
  });
  return { flow, sleeps, advance: (ms: number) => (clock += ms) };
}

t.test('a 503 halves concurrency and pauses every new request', async (t) => {
  const { flow, sleeps } = controlled();
  t.equal(flow.concurrency, 8);
  flow.throttled();
  t.equal(flow.concurrency, 4);
  await flow.run(async () => 'a');
  await flow.run(async () => 'b');
  t.same(sleeps, [100], 'the first request after the 503 waits out the pause; the next finds it over');
  flow.throttled();
  flow.throttled();
  t.equal(flow.concurrency, 1, 'never below one');
  await flow.run(async () => 'c');
  t.same(sleeps.slice(1), [400], 'consecutive 503s double the pause (full jitter at its ceiling here)');
});

t.test('successes win concurrency back one at a time, up to the maximum', async (t) => {
  const { flow } = controlled();
  flow.throttled();
  flow.throttled();
  t.equal(flow.concurrency, 2);
  flow.succeeded();
  t.equal(flow.concurrency, 3);
  for (let i = 0; i < 10; i++) flow.succeeded();
  t.equal(flow.concurrency, 8);
});

t.test('the pause is capped', async (t) => {
  const { flow, sleeps } = controlled();
  for (let i = 0; i < 10; i++) flow.throttled();
  await flow.run(async () => undefined);
  t.ok(sleeps[0] <= 1000, `paused ${sleeps[0]} ms`);
});

t.test('at most `concurrency` requests run at once', async (t) => {
  const { flow } = controlled();
  let running = 0;
  let peak = 0;
  const release: (() => void)[] = [];
  const tasks = Array.from({ length: 20 }, () =>
    flow.run(async () => {
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
