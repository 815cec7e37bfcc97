import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * How long database work may take here: while serving a request, each database operation (a statement, a
 * transaction, a coalesced registration) gets a budget from its start; `deadline` pins one operation's end. Database
 * calls read it from the async context, so one rule bounds all request-path work without passing it through every
 * repository call; background work (workers, pg-boss, migrations) runs outside any request and has no bound.
 */
type Bound = { budgetMs: number } | { deadline: number };

const bounds = new AsyncLocalStorage<Bound>();

/** Runs `work` (and everything it starts) with `budgetMs` for each database operation. */
export function underBudget<T>(budgetMs: number, work: () => T): T {
  return bounds.run({ budgetMs }, work);
}

/** Runs `work` as one operation ending at `deadline` (a `performance.now()` value); undefined: no bound. */
export function underDeadline<T>(deadline: number | undefined, work: () => T): T {
  return deadline === undefined ? bounds.exit(work) : bounds.run({ deadline }, work);
}

/** The deadline of a database operation starting now, if it is bounded. */
export function operationDeadline(): number | undefined {
  const bound = bounds.getStore();
  if (bound === undefined) return undefined;
  return 'deadline' in bound ? bound.deadline : performance.now() + bound.budgetMs;
}

/** Milliseconds left before `deadline`. */
export const remainingMs = (deadline: number): number => Math.floor(deadline - performance.now());
