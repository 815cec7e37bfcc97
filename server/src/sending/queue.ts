import type { FastifyBaseLogger } from 'fastify';
import type { Pool, PoolClient } from 'pg';
import PgBoss from 'pg-boss';

/** How long an idle worker waits before asking for work again, unless its queue says otherwise. */
const IDLE_POLL_MS = 250;
/**
 * How often pg-boss's clock forwards the jobs its schedules made to their queues. Schedules here are hourly: a
 * slower poll leaves the connections (the embedded database has one) to requests.
 */
const SCHEDULE_POLL_SECONDS = 30;

export interface QueueOptions {
  /**
   * Whether this process runs pg-boss's maintenance (expiry, retries) and its clock (schedules): only processes with
   * workers do.
   */
  supervise: boolean;
  maintenanceSeconds: number;
}

export interface QueueDefinition {
  name: string;
  retryLimit: number;
  /** A job in hand longer than this is handed out again. */
  expireInSeconds: number;
  /** `stately`: at most one job waiting and one running (a scheduled job that must not pile up). */
  policy?: 'standard' | 'stately';
}

export interface Worker<T> {
  /** Runs one job; a throw fails it and pg-boss retries it later. */
  handle(data: T): Promise<void>;
  /** Called once pg-boss has given up on a job (its last retry failed). */
  gaveUp(data: T, error: unknown): Promise<void>;
}

/**
 * pg-boss queues and a generic worker loop, nothing about sends: each loop takes one job at a time, runs it, and
 * completes or fails it. Jobs are enqueued on the caller's transaction, so a job exists exactly when its row does.
 */
export class JobQueue {
  private readonly boss: PgBoss;
  private running = false;
  private loops: Promise<void>[] = [];
  /** The idle loops of each queue, each waiting for its next poll: wake() and stop() end the wait. */
  private readonly waiting = new Map<string, Set<() => void>>();

  constructor(
    pool: Pool,
    private readonly queues: QueueDefinition[],
    options: QueueOptions,
    private readonly log: FastifyBaseLogger
  ) {
    this.boss = new PgBoss({
      db: { executeSql: (text, values) => pool.query(text, values) },
      schema: 'pgboss',
      maintenanceIntervalSeconds: options.maintenanceSeconds,
      supervise: options.supervise,
      schedule: options.supervise,
      cronWorkerIntervalSeconds: SCHEDULE_POLL_SECONDS
    });
    this.boss.on('error', (err) => log.error({ err }, 'job queue error'));
  }

  async start(): Promise<void> {
    await this.boss.start();
    for (const queue of this.queues) await this.define(queue);
    this.running = true;
  }

  /** Creates a queue if it does not exist yet (queues are defined at start, or later by other features). */
  async define(queue: QueueDefinition): Promise<void> {
    await this.boss.createQueue(queue.name, {
      name: queue.name,
      policy: queue.policy ?? 'standard',
      retryLimit: queue.retryLimit,
      retryDelay: 1,
      retryBackoff: true,
      expireInSeconds: queue.expireInSeconds
    });
  }

  /**
   * Sends a job to queue `name` on the `cron` schedule (UTC), from the clock of whichever process supervises (one at a
   * time: pg-boss lets one process per minute look at the schedules).
   */
  async schedule(name: string, cron: string): Promise<void> {
    await this.boss.schedule(name, cron, {}, { tz: 'UTC' });
  }

  /** Enqueues jobs on `client`'s transaction. */
  async enqueue<T extends object>(client: PoolClient, name: string, jobs: T[]): Promise<void> {
    await this.boss.insert(
      jobs.map((data) => ({ name, data })),
      { db: { executeSql: (text, values) => client.query(text, values) } }
    );
  }

  /**
   * Wakes this process's idle loops on `name` at once, to fetch jobs the caller has just committed rather than at
   * their next poll: a broadcast's plan and its first batches then start without a poll's wait each.
   */
  wake(name: string): void {
    for (const done of this.waiting.get(name) ?? []) done();
  }

  /** Starts `count` loops working on `name`; an idle loop asks again after `idlePollMs`. */
  work<T extends object>(name: string, count: number, worker: Worker<T>, idlePollMs = IDLE_POLL_MS): void {
    for (let i = 0; i < count; i++) this.loops.push(this.loop(name, worker, idlePollMs));
  }

  get isRunning(): boolean {
    return this.running;
  }

  /** Finishes the jobs in hand, then stops taking new ones. */
  async stop(): Promise<void> {
    this.running = false;
    for (const name of this.waiting.keys()) this.wake(name);
    await Promise.all(this.loops);
    await this.boss.stop({ graceful: false, close: false, wait: true });
  }

  /** Waits `ms`, or less when the queue stops or `name` is woken meanwhile. */
  private idle(name: string, ms: number): Promise<void> {
    if (!this.running) return Promise.resolve();
    const loops = this.waiting.get(name) ?? new Set<() => void>();
    this.waiting.set(name, loops);
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        loops.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      loops.add(done);
    });
  }

  private async loop<T extends object>(name: string, worker: Worker<T>, idlePollMs: number): Promise<void> {
    while (this.running) {
      let jobs: PgBoss.JobWithMetadata<T>[];
      try {
        jobs = await this.boss.fetch<T>(name, { includeMetadata: true });
      } catch (err) {
        this.log.warn({ err }, 'cannot fetch jobs');
        await this.idle(name, idlePollMs * 4);
        continue;
      }
      const job = jobs[0];
      if (!job) {
        await this.idle(name, idlePollMs);
        continue;
      }
      try {
        await worker.handle(job.data);
        await this.boss.complete(name, job.id);
      } catch (err) {
        const last = job.retryCount >= job.retryLimit;
        this.log.error({ err, queue: name, job: job.data, last }, last ? 'job failed for good' : 'job failed; it will be retried');
        await this.boss.fail(name, job.id, { message: err instanceof Error ? err.message : String(err) }).catch(() => undefined);
        if (last) await worker.gaveUp(job.data, err).catch((error: unknown) => this.log.error({ err: error }, 'cannot record a failed job'));
      }
    }
  }
}
