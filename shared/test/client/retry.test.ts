import t from 'tap';
import {
  Cancellation,
  CancelledError,
  NetworkError,
  RequestRejectedError,
  DEFAULT_RETRY_POLICY,
  RetryOptions,
  backoffDelayMs,
  withRetry,
  type RetryPolicy
} from '../../src/index';
import { FakeClock } from './fakes';

const POLICY: RetryPolicy = { maxAttempts: 5, initialDelayMs: 1000, maxDelayMs: 6000, multiplier: 2 };

function options(clock: FakeClock, cancellation = new Cancellation()): RetryOptions {
  const result = new RetryOptions(clock, cancellation);
  result.policy = POLICY;
  return result;
}

/** An operation failing with the given errors in turn, then answering 'done'. */
function failing(...errors: Error[]): { calls: () => number; run: () => Promise<string> } {
  let calls = 0;
  return {
    calls: () => calls,
    run: async () => {
      calls++;
      const error = errors.shift();
      if (error) throw error;
      return 'done';
    }
  };
}

t.test('backoff doubles per retry, is jittered within [step/2, step], and stops at the ceiling', async (t) => {
  t.same([0, 1, 2, 3, 4].map((retry) => backoffDelayMs(retry, POLICY, () => 0)), [500, 1000, 2000, 3000, 3000]);
  t.same([0, 1, 2, 3, 4].map((retry) => backoffDelayMs(retry, POLICY, () => 1)), [1000, 2000, 4000, 6000, 6000]);
});

t.test('by default an operation is tried 6 times, waiting at most 2, 4, 8, 16 and 32 s between tries', async (t) => {
  const clock = new FakeClock();
  const defaults = new RetryOptions(clock, new Cancellation());
  t.equal(defaults.policy, DEFAULT_RETRY_POLICY);
  defaults.random = () => 1;
  const op = failing(...[1, 2, 3, 4, 5, 6].map((n) => new NetworkError(`failure ${n}`)));
  await t.rejects(withRetry(op.run, defaults), { message: 'failure 6' });
  t.equal(op.calls(), 6);
  t.same(clock.delays, [2000, 4000, 8000, 16000, 32000]);
  t.same(backoffDelayMs(6, DEFAULT_RETRY_POLICY, () => 1), 120000, 'a step never exceeds two minutes');
});

t.test('retries retryable errors until success', async (t) => {
  const clock = new FakeClock();
  const op = failing(new NetworkError('a'), new NetworkError('b'));
  t.equal(await withRetry(op.run, options(clock)), 'done');
  t.equal(op.calls(), 3);
  t.equal(clock.delays.length, 2);
});

t.test('gives up after maxAttempts with the last error', async (t) => {
  const clock = new FakeClock();
  const errors = [1, 2, 3, 4, 5, 6].map((n) => new NetworkError(`failure ${n}`));
  const op = failing(...errors);
  await t.rejects(withRetry(op.run, options(clock)), { message: 'failure 5' });
  t.equal(op.calls(), POLICY.maxAttempts);
});

t.test('does not retry non-retryable or foreign errors', async (t) => {
  const clock = new FakeClock();
  const rejected = failing(new RequestRejectedError(400, 'VALIDATION_FAILED', 'bad', [], ''));
  await t.rejects(withRetry(rejected.run, options(clock)), RequestRejectedError);
  t.equal(rejected.calls(), 1);
  const foreign = failing(new TypeError('bug'));
  await t.rejects(withRetry(foreign.run, options(clock)), TypeError);
  t.equal(foreign.calls(), 1);
  t.same(clock.delays, []);
});

t.test('a cancellation during the backoff ends the loop', async (t) => {
  const clock = new FakeClock();
  const cancellation = new Cancellation();
  clock.onDelay = () => cancellation.cancel();
  const op = failing(new NetworkError('a'), new NetworkError('b'));
  await t.rejects(withRetry(op.run, options(clock, cancellation)), CancelledError);
  t.equal(op.calls(), 1);
});

t.test('Cancellation notifies listeners once, and not those that unsubscribed', async (t) => {
  const cancellation = new Cancellation();
  const heard: string[] = [];
  cancellation.onCancel(() => heard.push('a'));
  const unsubscribe = cancellation.onCancel(() => heard.push('b'));
  unsubscribe();
  cancellation.cancel();
  cancellation.cancel();
  cancellation.onCancel(() => heard.push('late'));
  t.same(heard, ['a', 'late']);
  t.throws(() => cancellation.throwIfCancelled(), CancelledError);
});
