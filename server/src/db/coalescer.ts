import { DatabaseTimeoutError } from './errors';
import { operationDeadline, remainingMs, underDeadline } from './deadline';

/**
 * Concurrent requests of one kind, coalesced under load: while `concurrency` batches run, new items wait and then
 * leave together in one batch, so a thousand items cost a few round trips instead of a thousand. Alone, an item
 * leaves at once, in a batch of its own. Each item is answered only after the batch holding it finished; when a batch fails or its commit is not
 * confirmed, every item it held gets the error, never a result. Each item keeps its request's database deadline
 * (../db/deadline): a batch runs within the earliest deadline of its items, and an item whose deadline passed while
 * it waited is refused without running.
 */
export interface CoalescerOptions<T, R> {
  /** Runs items with distinct keys together; answers with one result per item, in the items' order. */
  run(items: T[]): Promise<R[]>;
  /** Items with the same key never share a batch (a statement may not upsert one row twice). */
  keyOf(item: T): string;
  /** Errors that would fail any batch alike (the database is unreachable): no use trying items one by one. */
  failsEveryBatch(error: unknown): boolean;
  /** Batches running at once; the rest of the connection pool stays free for other work. */
  concurrency: number;
  /** Bounds one batch's size. */
  maxBatch: number;
}

interface Pending<T, R> {
  item: T;
  deadline: number | undefined;
  resolve(result: R): void;
  reject(error: unknown): void;
}

export class Coalescer<T, R> {
  private pending: Pending<T, R>[] = [];
  private running = 0;
  private flushScheduled = false;

  constructor(private readonly options: CoalescerOptions<T, R>) {}

  submit(item: T): Promise<R> {
    return new Promise((resolve, reject) => {
      this.pending.push({ item, deadline: operationDeadline(), resolve, reject });
      this.scheduleFlush();
    });
  }

  /** After the current I/O callbacks, so that items parsed in the same turn of the event loop leave together. */
  private scheduleFlush(): void {
    if (this.flushScheduled || this.running >= this.options.concurrency || this.pending.length === 0) return;
    this.flushScheduled = true;
    setImmediate(() => {
      this.flushScheduled = false;
      while (this.running < this.options.concurrency && this.pending.length > 0) {
        const batch = this.takeBatch();
        if (batch.length === 0) continue;
        this.running += 1;
        void this.runBatch(batch).finally(() => {
          this.running -= 1;
          this.scheduleFlush();
        });
      }
    });
  }

  /** The oldest items, one per key; a later item of the same key waits for the next batch. */
  private takeBatch(): Pending<T, R>[] {
    const batch: Pending<T, R>[] = [];
    const later: Pending<T, R>[] = [];
    const keys = new Set<string>();
    for (const entry of this.pending) {
      const key = this.options.keyOf(entry.item);
      if (entry.deadline !== undefined && remainingMs(entry.deadline) <= 0) {
        entry.reject(new DatabaseTimeoutError());
      } else if (batch.length < this.options.maxBatch && !keys.has(key)) {
        keys.add(key);
        batch.push(entry);
      } else {
        later.push(entry);
      }
    }
    this.pending = later;
    return batch;
  }

  private async runBatch(batch: Pending<T, R>[]): Promise<void> {
    let results: R[];
    const deadlines = batch.flatMap((entry) => (entry.deadline === undefined ? [] : [entry.deadline]));
    const deadline = deadlines.length > 0 ? Math.min(...deadlines) : undefined;
    try {
      results = await underDeadline(deadline, () => this.options.run(batch.map((entry) => entry.item)));
    } catch (error) {
      // A failure that would fail every batch fails every item alike, and at once. Any other is retried one item
      // per batch, so that one item's problem is never another's.
      if (batch.length === 1 || this.options.failsEveryBatch(error)) {
        for (const entry of batch) entry.reject(error);
        return;
      }
      await Promise.all(batch.map((entry) => this.runBatch([entry])));
      return;
    }
    batch.forEach((entry, index) => entry.resolve(results[index]));
  }
}
