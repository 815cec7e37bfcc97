import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyBaseLogger } from 'fastify';
import type { Pool, PoolClient } from 'pg';
import PgBoss from 'pg-boss';

/** How long an idle worker waits before asking for work again. */
const IDLE_POLL_MS = 250;

export interface QueueOptions {
  /** Whether this process runs pg-boss's maintenance (expiry, retries): only processes with workers do. */
  supervise: boolean;
  maintenanceSeconds: number;
}

export interface QueueDefinition {
  name: string;
  retryLimit: number;
  /** A job in hand longer than this is handed out again. */
  expireInSeconds: number;
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
      schedule: false
    });
    this.boss.on('error', (err) => log.error({ err }, 'job queue error'));
  }

  async start(): Promise<void> {
    await this.boss.start();
    for (const queue of this.queues) {
      await this.boss.createQueue(queue.name, {
        name: queue.name,
        retryLimit: queue.retryLimit,
        retryDelay: 1,
        retryBackoff: true,
        expireInSeconds: queue.expireInSeconds
      });
    }
    this.running = true;
  }

  /** Enqueues jobs on `client`'s transaction. */
  async enqueue<T extends object>(client: PoolClient, name: string, jobs: T[]): Promise<void> {
    await this.boss.insert(
      jobs.map((data) => ({ name, data })),
      { db: { executeSql: (text, values) => client.query(text, values) } }
    );
  }

  /** Starts `count` loops working on `name`. */
  work<T extends object>(name: string, count: number, worker: Worker<T>): void {
    for (let i = 0; i < count; i++) this.loops.push(this.loop(name, worker));
  }

  get isRunning(): boolean {
    return this.running;
  }

  /** Finishes the jobs in hand, then stops taking new ones. */
  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.loops);
    await this.boss.stop({ graceful: false, close: false, wait: true });
  }

  private async loop<T extends object>(name: string, worker: Worker<T>): Promise<void> {
    while (this.running) {
      let jobs: PgBoss.JobWithMetadata<T>[];
      try {
        jobs = await this.boss.fetch<T>(name, { includeMetadata: true });
      } catch (err) {
        this.log.warn({ err }, 'cannot fetch jobs');
        await sleep(IDLE_POLL_MS * 4);
        continue;
      }
      const job = jobs[0];
      if (!job) {
        await sleep(IDLE_POLL_MS);
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
