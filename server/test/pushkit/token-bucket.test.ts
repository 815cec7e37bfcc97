import t from 'tap';
import { TokenBucket } from '../../src/pushkit/token-bucket';

/** A bucket on a clock the test moves. */
function bucketAt(rate: number, capacity: number) {
  const clock = { ms: 1_000_000 };
  return { bucket: new TokenBucket(rate, capacity, () => clock.ms), clock };
}

t.test('starts full: a whole capacity goes at once, then nothing more until it refills', async (t) => {
  const { bucket } = bucketAt(500, 1000);
  t.equal(bucket.tokensPerSecond, 500);
  t.equal(bucket.tryTake(1000), 0);
  t.equal(bucket.tryTake(1), 2, 'one token at 500/s: 2 ms');
});

t.test('a refusal takes nothing and says how long until the tokens are there, rounded up', async (t) => {
  const { bucket, clock } = bucketAt(300, 1000);
  t.equal(bucket.tryTake(400), 0);
  t.equal(bucket.tryTake(1000), 1334, '400 missing at 300/s: 1333.3 ms, rounded up');
  t.equal(bucket.tryTake(600), 0, 'the refused request took nothing');
  clock.ms += 1334;
  t.equal(bucket.tryTake(400), 0, '1.334 s refilled 400.2 tokens');
});

t.test('refills at rate per second of elapsed time, never above capacity', async (t) => {
  const { bucket, clock } = bucketAt(1000, 2000);
  t.equal(bucket.tryTake(2000), 0);
  clock.ms += 500;
  t.equal(bucket.tryTake(600), 100, 'half a second gave 500 tokens, not more');
  t.equal(bucket.tryTake(500), 0);
  clock.ms += 60_000;
  t.equal(bucket.tryTake(2001), 1, 'a minute idle refills to the capacity only');
  t.equal(bucket.tryTake(2000), 0);
});

t.test('drain() empties the bucket: after a 503 nothing goes on saved-up allowance', async (t) => {
  const { bucket, clock } = bucketAt(1000, 1000);
  t.equal(bucket.tryTake(500), 0);
  clock.ms += 200;
  bucket.drain();
  t.equal(bucket.tryTake(1), 1, 'empty: even one token waits');
  clock.ms += 100;
  t.equal(bucket.tryTake(100), 0, 'and refills from zero, at the moment of the drain');
  t.equal(bucket.tryTake(1), 1);
});

t.test('setRate() keeps what was refilled at the old rate and caps it to the new capacity', async (t) => {
  const { bucket, clock } = bucketAt(1000, 5000);
  t.equal(bucket.tryTake(5000), 0);
  clock.ms += 2000;
  bucket.setRate(100, 1000);
  t.equal(bucket.tokensPerSecond, 100);
  t.equal(bucket.tryTake(1001), 10, 'the 2000 refilled at 1000/s are capped to the new capacity of 1000');
  t.equal(bucket.tryTake(1000), 0);
  clock.ms += 1000;
  t.equal(bucket.tryTake(101), 10, 'then refills at the new rate: 100 in a second');

  const raised = bucketAt(100, 1000);
  t.equal(raised.bucket.tryTake(1000), 0);
  raised.clock.ms += 1000;
  raised.bucket.setRate(1000, 2000);
  t.equal(raised.bucket.tryTake(101), 1, 'the second before the change counted at the old rate: 100 tokens');
});
