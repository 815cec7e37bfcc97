import { Cancellation } from './cancellation';

/**
 * Time as the client core sees it. Injected so tests never wait on the wall clock; the app passes
 * a timer-based implementation (harmony-app adapters/SystemClock.ets).
 */
export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
  /** Resolves after `ms`, or rejects with `CancelledError` as soon as `cancellation` fires. */
  delay(ms: number, cancellation: Cancellation): Promise<void>;
}
