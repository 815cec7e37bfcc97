import fp from 'fastify-plugin';
import { TEST_MESSAGES_PER_DAY } from '../pushkit/spec-choices';
import { BATCH_QUEUE, Broadcasts, PLAN_QUEUE } from './broadcasts';
import { Dispatcher } from './dispatcher';
import { JobQueue } from './queue';
import { SendRepository } from './send-repository';
import { RevokeService } from './revoke-service';
import { SendService } from './send-service';
import { TestMessageQuotaRepository } from './test-message-quota';

export interface SendingOptions {
  /** Batches this process sends at once; 0 runs no workers (an API-only process). */
  workers: number;
  /** A job in hand longer than this is handed out again (pg-boss expiry); also the longest an immediate send takes. */
  jobTimeoutSeconds: number;
  /** A started batch belongs to its worker this long, renewed while it works. */
  leaseSeconds: number;
  /** How often pg-boss looks for expired jobs. */
  maintenanceSeconds: number;
  /** Attempts pg-boss makes at a job after the first, before the send is marked failed. */
  jobRetries: number;
  /** PUSHKIT_SELF_CLASSIFICATION: without it every alert warns that Huawei treats it as MARKETING. */
  selfClassification: boolean;
}

declare module 'fastify' {
  interface FastifyInstance {
    sendRepository: SendRepository;
    sendService: SendService;
    revokeService: RevokeService;
    testMessageQuota: TestMessageQuotaRepository;
    /** pg-boss, started here; other features define their queues on it (maintenance). */
    jobQueue: JobQueue;
  }
}

/**
 * Sending: builds the send repository, the dispatcher shared by immediate sends and broadcast batches, the job
 * queue with its workers, the test-message quota, and the send and revoke services that routes call. Immediate
 * sends a crash left `sending` are failed here at start-up.
 */
export default fp<SendingOptions>(
  async (app, options) => {
    // Requests use the request pool (its statement timeout); workers, the queue and start-up sweeps the background
    // pool, which no request budget or statement timeout cuts (db/plugin.ts).
    const sendRepository = new SendRepository(app.pg.pool);
    const backgroundSends = new SendRepository(app.backgroundPool);
    const testMessageQuota = new TestMessageQuotaRepository(app.pg.pool);
    const dispatcher = new Dispatcher(app.tokens, app.pushKit, app.metrics, app.log, testMessageQuota);
    const queue = new JobQueue(
      app.backgroundPool,
      [PLAN_QUEUE, BATCH_QUEUE].map((name) => ({ name, retryLimit: options.jobRetries, expireInSeconds: options.jobTimeoutSeconds })),
      { supervise: options.workers > 0, maintenanceSeconds: options.maintenanceSeconds },
      app.log
    );
    const broadcasts = new Broadcasts(app.backgroundPool, backgroundSends, app.tokens, dispatcher, queue, { leaseSeconds: options.leaseSeconds }, app.log);
    await queue.start();
    if (options.workers > 0) {
      queue.work(PLAN_QUEUE, 1, broadcasts.planner);
      queue.work(BATCH_QUEUE, options.workers, broadcasts.batchWorker);
    }
    const interrupted = await backgroundSends.failInterrupted(options.jobTimeoutSeconds);
    if (interrupted > 0) app.log.warn({ sends: interrupted }, 'immediate sends interrupted by a stop were marked failed');
    app.decorate('sendRepository', sendRepository);
    app.decorate('sendService', new SendService(app.tokens, sendRepository, dispatcher, queue, app.metrics, app.receipts, testMessageQuota, {
      selfClassification: options.selfClassification
    }));
    app.decorate('revokeService', new RevokeService(sendRepository, app.tokens, app.pushKit));
    app.decorate('testMessageQuota', testMessageQuota);
    app.metrics.gauge('harmony_push_test_messages_used', "Successful test-message requests of today's quota day (UTC+8)", [], async (gauge) =>
      gauge.set((await testMessageQuota.today()).used)
    );
    app.metrics.gauge('harmony_push_test_messages_limit', "Huawei's test messages per project per day", [], (gauge) =>
      gauge.set(TEST_MESSAGES_PER_DAY)
    );
    app.decorate('jobQueue', queue);
    // Workers finish the batches in hand before the pool closes.
    app.addHook('preClose', () => queue.stop());
  },
  { name: 'sending', dependencies: ['database', 'pushkit', 'metrics', 'token-repository', 'receipt-repository'] }
);
