import t from 'tap';
import { Coalescer, type CoalescerOptions } from '../../src/db/coalescer';

class Unreachable extends Error {}

/** A coalescer over a fake statement that records every batch it runs and fails as `fail` decides. */
function harness(fail: (items: string[]) => Error | undefined = () => undefined, options: Partial<CoalescerOptions<string, string>> = {}) {
  const batches: string[][] = [];
  let running = 0;
  let mostRunning = 0;
  const coalescer = new Coalescer<string, string>({
    async run(items) {
      batches.push(items);
      running += 1;
      mostRunning = Math.max(mostRunning, running);
      await new Promise((resolve) => setTimeout(resolve, 5));
      running -= 1;
      const error = fail(items);
      if (error) throw error;
      return items.map((item) => `done:${item}`);
    },
    keyOf: (item) => item.split('#')[0],
    failsEveryBatch: (error) => error instanceof Unreachable,
    concurrency: 2,
    maxBatch: 3,
    ...options
  });
  return { coalescer, batches, mostRunning: () => mostRunning };
}

const settle = (promises: Promise<string>[]) => Promise.allSettled(promises);

t.test('alone, an item leaves at once in a batch of its own', async (t) => {
  const { coalescer, batches } = harness();
  t.equal(await coalescer.submit('a'), 'done:a');
  t.same(batches, [['a']]);
});

t.test('under load, waiting items leave together, bounded in size and in batches at once', async (t) => {
  const { coalescer, batches, mostRunning } = harness();
  const items = Array.from({ length: 10 }, (_, i) => `k${i}`);
  const results = await Promise.all(items.map((item) => coalescer.submit(item)));
  t.same(results, items.map((item) => `done:${item}`), 'each item gets its own result');
  t.ok(batches.length < items.length, 'fewer batches than items');
  t.ok(batches.every((batch) => batch.length <= 3), 'no batch over maxBatch');
  t.ok(mostRunning() <= 2, 'no more batches at once than the concurrency');
  t.same(batches.flat().sort(), [...items].sort(), 'every item ran exactly once');
});

t.test('items of one key never share a batch; the later one waits for the next', async (t) => {
  const { coalescer, batches } = harness();
  const results = await Promise.all(['x#1', 'x#2', 'y'].map((item) => coalescer.submit(item)));
  t.same(results, ['done:x#1', 'done:x#2', 'done:y']);
  for (const batch of batches) t.equal(new Set(batch.map((item) => item.split('#')[0])).size, batch.length, `${batch}`);
  const first = batches.findIndex((batch) => batch.includes('x#1'));
  const second = batches.findIndex((batch) => batch.includes('x#2'));
  t.ok(first < second, 'in the order they came');
});

t.test('fallback: a failed batch is retried item by item, so one bad item fails alone', async (t) => {
  const bad = new Error('bad item');
  const { coalescer, batches } = harness((items) => (items.includes('bad') ? bad : undefined));
  const outcomes = await settle(['a', 'bad', 'b'].map((item) => coalescer.submit(item)));
  t.same(outcomes, [
    { status: 'fulfilled', value: 'done:a' },
    { status: 'rejected', reason: bad },
    { status: 'fulfilled', value: 'done:b' }
  ]);
  t.ok(batches.some((batch) => batch.length > 1), 'they first ran together');
  t.same(batches.filter((batch) => batch.length === 1).map((batch) => batch[0]).sort(), ['a', 'b', 'bad'], 'then one by one');
});

t.test('fallback: an unreachable database fails the whole batch at once, without retries', async (t) => {
  const down = new Unreachable('connection refused');
  const { coalescer, batches } = harness(() => down);
  const outcomes = await settle(['a', 'b', 'c'].map((item) => coalescer.submit(item)));
  t.ok(outcomes.every((outcome) => outcome.status === 'rejected' && outcome.reason === down), 'every item gets the error');
  t.same(batches, [['a', 'b', 'c']], 'one attempt, no item retried alone');
});

t.test('fallback: a batch of one that fails is not retried', async (t) => {
  const bad = new Error('bad');
  const { coalescer, batches } = harness(() => bad);
  await t.rejects(coalescer.submit('only'), bad);
  t.same(batches, [['only']]);
});

t.test('after failures the coalescer keeps serving', async (t) => {
  let failing = true;
  const { coalescer } = harness(() => (failing ? new Unreachable('down') : undefined));
  await t.rejects(coalescer.submit('a'));
  failing = false;
  t.same(await Promise.all(['b', 'c', 'd', 'e'].map((item) => coalescer.submit(item))), ['done:b', 'done:c', 'done:d', 'done:e']);
});
