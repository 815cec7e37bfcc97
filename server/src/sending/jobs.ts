import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyBaseLogger } from 'fastify';
import type { Pool, PoolClient } from 'pg';
import PgBoss from 'pg-boss';
import { PushType, type SendBatch, type SendRequest } from '@harmony-push/shared';
import type { TokenRepository } from '../registry/repository';
import type { Dispatcher } from './dispatcher';
import { inTransaction } from '../db/transaction';
import type { BatchCounts, JobBatch, JobStore } from './job-store';
import { givenTargets, selectsRegistry } from './targets';

const PLAN_QUEUE = 'send-plan';
const BATCH_QUEUE = 'send-batch';
/** Tokens per job batch: one full Push Kit request. */
export const JOB_BATCH_SIZE = 1000;
/** How long an idle worker waits before asking for work again. */
const IDLE_POLL_MS = 250;

export interface JobOptions {
  /** Batches this process sends at once; 0 runs no workers (an API-only process). */
  workers: number;
  /** A batch whose worker died is handed out again after this long (longer than one batch can take). */
  batchTimeoutSeconds: number;
  /** How often pg-boss looks for expired jobs. */
  maintenanceSeconds: number;
}

interface BatchJob {
  sendId: string;
  seq: number;
}

/**
 * Broadcast jobs on pg-boss. A send is planned into batches of 1000 tokens read from the registry in keyset order
 * (never the whole audience in memory); each batch is a pg-boss job, so any number of worker processes on one
 * database share a broadcast and each batch is claimed once. A batch's outcome is recorded when it completes: a
 * redelivered batch that is recorded done is never sent again, so after a crash only the batches in flight at that
 * moment may go twice (alerts carry the send id as appMessageId, which lets the device drop such a duplicate).
 */
export class SendJobs {
  private readonly boss: PgBoss;
  private running = false;
  private loops: Promise<void>[] = [];

  constructor(
    private readonly pool: Pool,
    private readonly store: JobStore,
    private readonly registry: TokenRepository,
    private readonly dispatcher: Dispatcher,
    private readonly options: JobOptions,
    private readonly log: FastifyBaseLogger
  ) {
    this.boss = new PgBoss({
      db: { executeSql: (text, values) => pool.query(text, values) },
      schema: 'pgboss',
      maintenanceIntervalSeconds: options.maintenanceSeconds,
      supervise: options.workers > 0,
      schedule: false
    });
    this.boss.on('error', (err) => log.error({ err }, 'job queue error'));
  }

  async start(): Promise<void> {
    await this.boss.start();
    const retry = { retryLimit: 10, retryDelay: 1, retryBackoff: true };
    await this.boss.createQueue(PLAN_QUEUE, { name: PLAN_QUEUE, ...retry, expireInSeconds: this.options.batchTimeoutSeconds });
    await this.boss.createQueue(BATCH_QUEUE, { name: BATCH_QUEUE, ...retry, expireInSeconds: this.options.batchTimeoutSeconds });
    if (this.options.workers === 0) return;
    this.running = true;
    this.loops = [this.loop(PLAN_QUEUE, (job: BatchJob) => this.plan(job.sendId))];
    for (let i = 0; i < this.options.workers; i++) this.loops.push(this.loop(BATCH_QUEUE, (job: BatchJob) => this.runBatch(job)));
  }

  /** Finishes the batches in hand, then stops taking new ones. */
  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.loops);
    await this.boss.stop({ graceful: false, close: false, wait: true });
  }

  async enqueue(sendId: string): Promise<void> {
    await this.boss.send(PLAN_QUEUE, { sendId });
  }

  /** Takes one job at a time from `queue` and runs it; a job that throws is retried by pg-boss. */
  private async loop(queue: string, handle: (data: BatchJob) => Promise<void>): Promise<void> {
    while (this.running) {
      let jobs: PgBoss.Job<BatchJob>[];
      try {
        jobs = await this.boss.fetch<BatchJob>(queue);
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
        await handle(job.data);
        await this.boss.complete(queue, job.id);
      } catch (err) {
        this.log.error({ err, queue, sendId: job.data.sendId }, 'job failed; it will be retried');
        await this.boss.fail(queue, job.id, { message: err instanceof Error ? err.message : String(err) }).catch(() => undefined);
      }
    }
  }

  /** Cuts the audience into batches, resuming where an interrupted planner stopped. */
  private async plan(sendId: string): Promise<void> {
    const plan = await this.store.plan(sendId);
    if (!plan || plan.planningDone || plan.state !== 'sending') return;
    let seq = plan.batchesTotal;
    const explicit = plan.target.tokens ?? [];
    if (seq === 0 && explicit.length > 0) {
      await inTransaction(this.pool, async (client) => {
        for (let start = 0; start < explicit.length; start += JOB_BATCH_SIZE) {
          await this.addBatch(client, sendId, seq, { tokens: explicit.slice(start, start + JOB_BATCH_SIZE) });
          seq += 1;
        }
      });
    }
    for (let afterId = plan.plannedThrough; selectsRegistry(plan.target) && this.running; ) {
      const lastId = await this.registry.pageEnd(plan.target, afterId, JOB_BATCH_SIZE);
      if (lastId === undefined) break;
      await inTransaction(this.pool, (client) => this.addBatch(client, sendId, seq, { afterId, lastId }));
      seq += 1;
      afterId = lastId;
    }
    if (this.running) await this.store.finishPlanning(sendId);
    else throw new Error('stopped while planning'); // pg-boss hands the plan out again; it resumes
  }

  private async addBatch(
    client: PoolClient,
    sendId: string,
    seq: number,
    batch: { afterId: string; lastId: string } | { tokens: string[] }
  ): Promise<void> {
    await this.store.addBatch(client, sendId, seq, batch);
    const expireInSeconds = this.options.batchTimeoutSeconds;
    await this.boss.insert([{ name: BATCH_QUEUE, data: { sendId, seq }, expireInSeconds }], {
      db: { executeSql: (text, values) => client.query(text, values) }
    });
  }

  private async runBatch(job: BatchJob): Promise<void> {
    const batch = await this.store.startBatch(job.sendId, job.seq);
    if (batch === 'done' || batch === 'stopped') return;
    const targets = batch.tokens
      ? await givenTargets(this.registry, batch.tokens)
      : await this.registry.activeTokens(batch.target, {
          afterId: batch.afterId as string,
          throughId: batch.lastId as string,
          excluding: batch.target.tokens
        });
    const dispatched = await this.dispatcher.dispatch(withAppMessageId(batch), targets);
    const counts: BatchCounts = { requested: targets.length, accepted: 0, failed: 0, skipped: 0, errors: 0 };
    for (const outcome of dispatched.outcomes.values()) {
      if (outcome.status === 'accepted') counts.accepted += 1;
      else if (outcome.status === 'failed') counts.failed += 1;
      else if (outcome.status === 'skipped') counts.skipped += 1;
      else counts.errors += 1;
    }
    await this.store.finishBatch(batch, counts, summarise(dispatched.batches, targets.length));
  }
}

/** One report for a job batch, which may have taken several Push Kit requests (test messages go 10 at a time). */
function summarise(reports: SendBatch[], tokens: number): SendBatch {
  if (reports.length === 1) return reports[0];
  return {
    requestId: reports.map((report) => report.requestId).filter(Boolean).join(','),
    code: [...new Set(reports.map((report) => report.code))].join(','),
    msg: reports.length === 0 ? 'nothing to send' : `${reports.length} Push Kit requests`,
    tokens,
    attempts: reports.reduce((sum, report) => sum + report.attempts, 0)
  };
}

/**
 * A batch in flight when a worker died is sent again; an alert or voice broadcast carries the send id as its
 * appMessageId so that the device drops the second copy (spec §4.0), unless the sender chose one.
 */
function withAppMessageId(batch: JobBatch): Omit<SendRequest, 'target'> {
  const message = { pushType: batch.pushType, payload: batch.message.payload, pushOptions: batch.message.pushOptions };
  if (batch.pushType !== PushType.ALERT && batch.pushType !== PushType.EXTENSION) return message;
  const payload = message.payload as { notification: { appMessageId?: string; title?: string } };
  // A badge-only update carries nothing but its badge.
  if (payload.notification.appMessageId !== undefined || payload.notification.title === undefined) return message;
  return { ...message, payload: { ...payload, notification: { ...payload.notification, appMessageId: batch.sendId } } } as Omit<
    SendRequest,
    'target'
  >;
}
