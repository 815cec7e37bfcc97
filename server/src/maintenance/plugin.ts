import fp from 'fastify-plugin';
import type { MaintenanceConfig } from '../config';
import { ReceiptRepository } from '../receipts/repository';
import { SendRepository } from '../sending/send-repository';
import { Maintenance, type MaintenanceLimits } from './maintenance';

/** The pg-boss queue of the maintenance job; its schedule sends one job an hour. */
export const MAINTENANCE_QUEUE = 'maintenance';
const HOURLY = '0 * * * *';
/** A sweep over millions of tokens takes minutes; one in hand longer than this is handed out again. */
const JOB_TIMEOUT_SECONDS = 3 * 60 * 60;
/** An hourly job can wait this long to be taken: the worker asks rarely, leaving the connections to requests. */
const IDLE_POLL_MS = 15_000;

export interface MaintenanceOptions extends Partial<MaintenanceLimits> {
  config: MaintenanceConfig;
  /** Whether this process runs the job: processes with send workers do (they supervise pg-boss). */
  runsJobs: boolean;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Runs the maintenance as of a given time; features add their pruners here. */
    maintenance: Maintenance;
  }
}

/**
 * The scheduled maintenance job: the registry's stale sweep and retention, hourly through pg-boss's schedule, on the
 * background pool (no request's statement timeout). Every process keeps the schedule; those with workers run it.
 */
export default fp<MaintenanceOptions>(
  async (app, options) => {
    const queue = app.jobQueue;
    const maintenance = new Maintenance(
      app.tokens,
      new SendRepository(app.backgroundPool),
      options.config,
      { sweepChunkRows: options.sweepChunkRows ?? 5000, pruneChunkSends: options.pruneChunkSends ?? 100 },
      app.metrics,
      app.log,
      () => queue.isRunning
    );
    const receipts = new ReceiptRepository(app.backgroundPool);
    // After sendDetails: a send's statuses go in the run its details go.
    maintenance.addPruner('receipts', (before) => receipts.prune(before, options.sweepChunkRows ?? 5000, () => queue.isRunning));
    await queue.define({ name: MAINTENANCE_QUEUE, retryLimit: 2, expireInSeconds: JOB_TIMEOUT_SECONDS, policy: 'stately' });
    await queue.schedule(MAINTENANCE_QUEUE, HOURLY);
    if (options.runsJobs) {
      queue.work(MAINTENANCE_QUEUE, 1, {
        handle: async () => {
          await maintenance.run(new Date());
        },
        gaveUp: async () => undefined // logged by the queue; the next hour runs again
      }, IDLE_POLL_MS);
    }
    app.decorate('maintenance', maintenance);
  },
  { name: 'maintenance', dependencies: ['sending', 'token-repository', 'receipt-repository', 'metrics'] }
);
