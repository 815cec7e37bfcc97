import type { FastifyBaseLogger } from 'fastify';
import type { Pool } from 'pg';
import { SendState, type SendBatch } from '@harmony-push/shared';
import { inTransaction } from '../db/transaction';
import { tally, unknown } from '../pushkit/outcomes';
import type { TokenRepository } from '../registry/repository';
import type { Dispatcher } from './dispatcher';
import type { JobQueue } from './queue';
import type { BatchRange, SendRepository } from './send-repository';
import { batchTargets, selectionOf, selectsRegistry } from './targets';

export const PLAN_QUEUE = 'send-plan';
export const BATCH_QUEUE = 'send-batch';
/** Tokens per job batch: one full Push Kit request. */
export const JOB_BATCH_SIZE = 1000;
/**
 * Batches the planner records per transaction (one read of the registry, one statement for the batch rows and the
 * send's row, one for the jobs). Planned one at a time, a batch cost the planner six round trips, more than its
 * worker's five, and as many updates of the send's row, whose lock every finished batch takes too.
 */
const PLANNED_TOGETHER = 10;

export interface SendJob {
  sendId: string;
}

export interface BatchJob {
  sendId: string;
  seq: number;
}

export interface BroadcastOptions {
  /** A started batch is the worker's for this long; it renews the lease at a third of it while it sends. */
  leaseSeconds: number;
}

/**
 * Broadcast jobs: the planner cuts a send's audience into batches of 1000 tokens read from the registry in keyset
 * order (never the whole audience in memory) and enqueues one job per batch on the same transaction; a batch worker
 * takes a batch's lease, sends it, renews the lease while it works, and records the outcome. A batch recorded done
 * is never sent again, and one whose lease a live worker holds is never started by another.
 */
export class Broadcasts {
  constructor(
    private readonly pool: Pool,
    private readonly sends: SendRepository,
    private readonly registry: TokenRepository,
    private readonly dispatcher: Dispatcher,
    private readonly queue: JobQueue,
    private readonly options: BroadcastOptions,
    private readonly log: FastifyBaseLogger
  ) {}

  /** The planner: resumes where an interrupted one stopped. */
  readonly planner = {
    handle: (job: SendJob) => this.plan(job.sendId),
    gaveUp: (job: SendJob, error: unknown) => this.sends.fail(job.sendId, `planning failed: ${String((error as Error)?.message ?? error)}`)
  };

  readonly batchWorker = {
    handle: (job: BatchJob) => this.runBatch(job),
    gaveUp: (job: BatchJob, error: unknown) =>
      this.sends.fail(job.sendId, `batch ${job.seq} failed: ${String((error as Error)?.message ?? error)}`)
  };

  private async plan(sendId: string): Promise<void> {
    const plan = await this.sends.beginPlanning(sendId);
    if (!plan || plan.planningDone || plan.state !== SendState.SENDING) return;
    let seq = plan.batchesTotal;
    const given = plan.target.tokens ?? [];
    if (seq === 0 && given.length > 0) {
      const ranges: BatchRange[] = [];
      for (let start = 0; start < given.length; start += JOB_BATCH_SIZE) {
        ranges.push({ kind: 'tokens', tokens: given.slice(start, start + JOB_BATCH_SIZE) });
      }
      seq = await this.addBatches(sendId, seq, ranges);
    }
    const selection = selectionOf(plan.target, plan.pushType);
    for (let afterId = plan.plannedThrough; selectsRegistry(plan.target) && this.queue.isRunning; ) {
      const lastIds = await this.registry.pageEnds(selection, afterId, JOB_BATCH_SIZE, PLANNED_TOGETHER);
      if (lastIds.length === 0) break;
      const ranges = lastIds.map((lastId, i): BatchRange => ({ kind: 'registry', afterId: i === 0 ? afterId : lastIds[i - 1], lastId }));
      seq = await this.addBatches(sendId, seq, ranges);
      afterId = lastIds[lastIds.length - 1];
    }
    if (this.queue.isRunning) await this.sends.finishPlanning(sendId);
    else throw new Error('stopped while planning'); // pg-boss hands the plan out again; it resumes
  }

  /** Records batches `seq`, `seq + 1`... and enqueues their jobs on one transaction; returns the next seq. */
  private async addBatches(sendId: string, seq: number, ranges: BatchRange[]): Promise<number> {
    await inTransaction(this.pool, async (client) => {
      await this.sends.addBatches(client, sendId, seq, ranges);
      await this.queue.enqueue(client, BATCH_QUEUE, ranges.map((_, i): BatchJob => ({ sendId, seq: seq + i })));
    });
    this.queue.wake(BATCH_QUEUE);
    return seq + ranges.length;
  }

  private async runBatch(job: BatchJob): Promise<void> {
    const start = await this.sends.startBatch(job.sendId, job.seq, this.options.leaseSeconds);
    if (start.kind === 'busy') throw new Error(`batch ${job.seq} of send ${job.sendId} is being sent by another worker`);
    if (start.kind !== 'started') return;
    const batch = start.batch;
    const renew = setInterval(() => {
      this.sends.renewLease(batch.sendId, batch.seq, this.options.leaseSeconds).catch((err: unknown) => {
        this.log.warn({ err, sendId: batch.sendId, seq: batch.seq }, 'cannot renew a batch lease');
      });
    }, (this.options.leaseSeconds * 1000) / 3);
    try {
      const targets = await batchTargets(this.registry, batch.target, batch.message.pushType, batch.range);
      const dispatched = await this.dispatcher.dispatch(batch.message, targets);
      const counts = tally(targets.map((target) => dispatched.outcomes.get(target.token) ?? notSent));
      await this.sends.finishBatch(batch, counts, summarise(dispatched.batches, targets.length));
    } finally {
      clearInterval(renew);
    }
  }
}

const notSent = unknown('no outcome recorded');

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
