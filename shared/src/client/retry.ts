import { Cancellation } from './cancellation';
import { Clock } from './clock';
import { ClientError, ServerBusyError } from './errors';

export interface RetryPolicy {
  /** Attempts in total, the first one included. */
  maxAttempts: number;
  initialDelayMs: number;
  maxDelayMs: number;
  multiplier: number;
}

/** About four minutes of trying before the failure is surfaced; the next start tries again. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 6,
  initialDelayMs: 2000,
  maxDelayMs: 120000,
  multiplier: 2
};

export type RandomSource = () => number;
export type RetryListener = (error: ClientError, attempt: number, delayMs: number) => void;

/**
 * "Equal jitter": half of the exponential step is fixed, half random, so many devices failing
 * together (a server restart) spread out while each still backs off. `retry` counts from 0.
 */
export function backoffDelayMs(retry: number, policy: RetryPolicy, random: RandomSource): number {
  const step = Math.min(policy.maxDelayMs, policy.initialDelayMs * Math.pow(policy.multiplier, retry));
  return Math.round(step / 2 + random() * (step / 2));
}

/** The server's `Retry-After` wins over a shorter backoff, but never beyond the policy's ceiling. */
function delayBefore(retry: number, error: ClientError, policy: RetryPolicy, random: RandomSource): number {
  const backoff = backoffDelayMs(retry, policy, random);
  // Stryker disable next-line EqualityOperator: when they are equal both branches give the same delay
  if (error instanceof ServerBusyError && error.retryAfterMs > backoff) {
    return Math.min(error.retryAfterMs, policy.maxDelayMs);
  }
  return backoff;
}

export class RetryOptions {
  policy: RetryPolicy = DEFAULT_RETRY_POLICY;
  clock: Clock;
  cancellation: Cancellation;
  random: RandomSource = Math.random;
  onRetry: RetryListener | undefined = undefined;

  constructor(clock: Clock, cancellation: Cancellation) {
    this.clock = clock;
    this.cancellation = cancellation;
  }
}

/**
 * Runs `operation` until it succeeds, fails with a non-retryable error, runs out of attempts or is
 * cancelled. Whatever ends the loop is rethrown unchanged.
 */
export async function withRetry<T>(operation: () => Promise<T>, options: RetryOptions): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    options.cancellation.throwIfCancelled();
    try {
      return await operation();
    } catch (e) {
      if (!(e instanceof ClientError) || !e.retryable || attempt >= options.policy.maxAttempts) {
        throw e as Error;
      }
      const delayMs = delayBefore(attempt - 1, e, options.policy, options.random);
      if (options.onRetry !== undefined) {
        options.onRetry(e, attempt, delayMs);
      }
      await options.clock.delay(delayMs, options.cancellation);
    }
  }
}
