import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The deadline (a `performance.now()` value) of the request whose work is running, if any. Database calls made while
 * serving a request read it, so one budget bounds all of a request's database work without passing it through every
 * repository call; background work (workers, pg-boss, migrations) runs outside any request and has none.
 */
const deadlines = new AsyncLocalStorage<number>();

export const currentDeadline = (): number | undefined => deadlines.getStore();

/** Runs `work` (and everything it starts) under `deadline`; undefined: no deadline. */
export function underDeadline<T>(deadline: number | undefined, work: () => T): T {
  return deadline === undefined ? deadlines.exit(work) : deadlines.run(deadline, work);
}

/** Milliseconds left before `deadline`. */
export const remainingMs = (deadline: number): number => Math.floor(deadline - performance.now());
