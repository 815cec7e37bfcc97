import { randomUUID } from 'node:crypto';
import {
  maskToken,
  SendState,
  TokenResultStatus,
  type SendRequest,
  type SendResponse,
  type TokenResult
} from '@harmony-push/shared';
import { errors } from '../errors';
import type { Metrics } from '../metrics/plugin';
import type { TokenRepository } from '../registry/repository';
import type { Dispatcher } from './dispatcher';
import { JOB_BATCH_SIZE, type SendJobs } from './jobs';
import type { SendRepository } from './sends-repository';
import { requestDigest } from './request-digest';
import { resolveTargets, selectsRegistry } from './targets';

export interface SendResult {
  response: SendResponse;
  /** True when an Idempotency-Key matched an earlier send: nothing was sent this time. */
  replayed: boolean;
  /** True when the send became a broadcast job (202): progress at GET /sends/:id. */
  queued: boolean;
}

/**
 * One send from request to stored outcome. An audience that fits one Push Kit request is sent at once and
 * answered per token; a larger one becomes a broadcast job.
 */
export class SendService {
  constructor(
    private readonly registry: TokenRepository,
    private readonly sends: SendRepository,
    private readonly dispatcher: Dispatcher,
    private readonly jobs: SendJobs,
    private readonly metrics: Metrics
  ) {}

  async send(request: SendRequest, idempotencyKey?: string): Promise<SendResult> {
    const message = { payload: request.payload, pushOptions: request.pushOptions };
    const broadcast = await this.isBroadcast(request);
    const start = await this.sends.start(
      randomUUID(),
      request.pushType,
      message,
      idempotencyKey === undefined ? undefined : { key: idempotencyKey, requestDigest: requestDigest(request) },
      broadcast ? { target: request.target } : undefined
    );
    if (!start.started) {
      if (!start.sameRequest) throw errors.idempotencyKeyReused();
      return { response: start.existing, replayed: true, queued: false };
    }
    this.metrics.sends.inc({ push_type: String(request.pushType) });

    if (broadcast) {
      await this.jobs.enqueue(start.sendId);
      return { response: (await this.sends.get(start.sendId)) as SendResponse, replayed: false, queued: true };
    }

    const targets = await resolveTargets(this.registry, request.target);
    const dispatched = await this.dispatcher.dispatch(request, targets);
    const results: TokenResult[] = targets.map((target) => {
      const outcome = dispatched.outcomes.get(target.token) ?? { status: 'error', reason: 'not sent' };
      const result: TokenResult = { token: maskToken(target.token), status: outcome.status as TokenResultStatus };
      if ('reason' in outcome) result.reason = outcome.reason;
      return result;
    });
    const count = (status: TokenResultStatus) => results.filter((result) => result.status === status).length;
    const response = await this.sends.complete({
      sendId: start.sendId,
      pushType: request.pushType,
      state: SendState.COMPLETED,
      batchesDone: dispatched.batches.length,
      batchesTotal: dispatched.batches.length,
      requested: targets.length,
      accepted: count(TokenResultStatus.ACCEPTED),
      failed: count(TokenResultStatus.FAILED),
      skipped: count(TokenResultStatus.SKIPPED),
      errors: count(TokenResultStatus.ERROR),
      results,
      batches: dispatched.batches,
      configurationErrors: dispatched.configurationErrors,
      createdAt: ''
    });
    return { response, replayed: false, queued: false };
  }

  /** More than one Push Kit request's worth of tokens (counting stops as soon as that is certain). */
  private async isBroadcast(request: SendRequest): Promise<boolean> {
    const given = new Set(request.target.tokens ?? []).size;
    if (given > JOB_BATCH_SIZE) return true;
    if (!selectsRegistry(request.target)) return false;
    const selected = await this.registry.countActive(request.target, JOB_BATCH_SIZE + 1);
    return given + selected > JOB_BATCH_SIZE;
  }
}
