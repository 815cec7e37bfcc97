import { randomUUID } from 'node:crypto';
import { maskToken, SendState, type PushType, type SendRequest, type SendResponse, type SendTarget, type TokenResult } from '@harmony-push/shared';
import { errors } from '../errors';
import type { Metrics } from '../metrics/plugin';
import type { ReceiptRepository } from '../receipts/repository';
import { tally, unknown } from '../pushkit/outcomes';
import type { TokenRepository } from '../registry/repository';
import { JOB_BATCH_SIZE, PLAN_QUEUE, type SendJob } from './broadcasts';
import { emptyDispatch, type Dispatcher } from './dispatcher';
import { marketingWarnings } from '../push-types/marketing';
import { outgoing, revocableNotifyId, takesNotifyId } from './outgoing';
import type { JobQueue } from './queue';
import type { SendRepository } from './send-repository';
import { requestDigest } from './request-digest';
import { resolveTargets, selectionOf, selectsRegistry } from './targets';
import type { TestMessageQuotaRepository } from './test-message-quota';

export interface SendServiceOptions {
  /** PUSHKIT_SELF_CLASSIFICATION: the app holds the self-classification right (push-apply-right). */
  selfClassification: boolean;
}

export interface SendResult {
  response: SendResponse;
  /** True when an Idempotency-Key matched an earlier send: nothing was sent this time. */
  replayed: boolean;
  /** True when the send became a broadcast job (202): progress at GET /sends/:id. */
  queued: boolean;
}

/** The target with each given token once: both paths send what this names. */
const distinct = (target: SendTarget): SendTarget =>
  target.tokens === undefined ? target : { ...target, tokens: [...new Set(target.tokens)] };

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * One send from request to stored outcome. An audience that fits one Push Kit request is sent at once and answered
 * per token; a larger one becomes a broadcast job. A send always ends `completed` or `failed`, never stays `sending`.
 */
export class SendService {
  constructor(
    private readonly registry: TokenRepository,
    private readonly sends: SendRepository,
    private readonly dispatcher: Dispatcher,
    private readonly queue: JobQueue,
    private readonly metrics: Metrics,
    private readonly receipts: ReceiptRepository,
    private readonly testMessages: TestMessageQuotaRepository,
    private readonly options: SendServiceOptions
  ) {}

  async send(request: SendRequest, idempotencyKey?: string): Promise<SendResult> {
    const result = await this.start(request, idempotencyKey);
    // Test sends show the day's count against Huawei's quota (push-msg-freq-control).
    if (result.test) result.response.testMessages = await this.testMessages.today();
    return result;
  }

  private async start(request: SendRequest, idempotencyKey?: string): Promise<SendResult & { test: boolean }> {
    const target = distinct(request.target);
    const sendId = randomUUID();
    const { message, warnings } = outgoing(request, sendId, takesNotifyId(request) ? await this.sends.nextNotifyId() : undefined);
    warnings.push(...marketingWarnings(message, this.options.selfClassification));
    const test = message.pushOptions?.testMessage === true;
    const notifyId = revocableNotifyId(message);
    const broadcast = await this.isBroadcast(target, request.pushType);
    const enqueue = (client: Parameters<JobQueue['enqueue']>[0]) => this.queue.enqueue<SendJob>(client, PLAN_QUEUE, [{ sendId }]);
    const start = await this.sends.start(
      {
        sendId,
        message,
        ...(idempotencyKey === undefined ? {} : { idempotency: { key: idempotencyKey, requestDigest: requestDigest(request) } }),
        warnings,
        ...(notifyId === undefined ? {} : { notifyId }),
        ...(broadcast ? { job: { target } } : {})
      },
      enqueue
    );
    if (!start.started) {
      if (!start.sameRequest) throw errors.idempotencyKeyReused();
      return { response: await this.withDeliveries(start.existing), replayed: true, queued: false, test };
    }
    this.metrics.sends.inc({ push_type: String(request.pushType) });
    if (broadcast) {
      this.queue.wake(PLAN_QUEUE);
      return { response: (await this.get(sendId)) as SendResponse, replayed: false, queued: true, test };
    }

    const dispatched = emptyDispatch();
    let failureReason: string | undefined;
    let targets: Awaited<ReturnType<typeof resolveTargets>> = [];
    try {
      targets = await resolveTargets(this.registry, target, request.pushType);
      await this.dispatcher.dispatch(message, targets, dispatched);
    } catch (error) {
      // What is known per token is kept; a token without an answer may have been taken.
      failureReason = messageOf(error);
    }
    const inFlight = unknown(`the send failed before this token's answer: ${failureReason}`);
    const outcomes = targets.map((resolved) => dispatched.outcomes.get(resolved.token) ?? inFlight);
    const results: TokenResult[] = targets.map((resolved, i) => {
      const outcome = outcomes[i];
      return { token: maskToken(resolved.token), status: outcome.status, ...('reason' in outcome ? { reason: outcome.reason } : {}) };
    });
    const response = await this.sends.complete(sendId, {
      state: failureReason === undefined ? SendState.COMPLETED : SendState.FAILED,
      ...tally(outcomes),
      results,
      tokens: targets.map((resolved) => resolved.token),
      batches: dispatched.batches,
      configurationErrors: dispatched.configurationErrors,
      ...(failureReason === undefined ? {} : { failureReason })
    });
    return { response: await this.withDeliveries(response), replayed: false, queued: false, test };
  }

  async get(sendId: string): Promise<SendResponse | undefined> {
    const send = await this.sends.get(sendId);
    return send && this.withDeliveries(send);
  }

  /** Stops a broadcast between batches; returns the send, or undefined when there is none. */
  async cancel(sendId: string): Promise<SendResponse | undefined> {
    await this.sends.cancel(sendId);
    return this.get(sendId);
  }

  /** The send with what its receipts told: the summary, and on an immediate send each token's latest receipt. */
  private async withDeliveries(send: SendResponse): Promise<SendResponse> {
    const delivery = await this.receipts.summaryOf(send.sendId, send.accepted);
    if (send.results.length === 0 || Object.keys(delivery.byResult).length === 0) return { ...send, delivery };
    const [tokens, deliveries] = await Promise.all([this.sends.tokensOf(send.sendId), this.receipts.deliveriesOf(send.sendId)]);
    const results = send.results.map((result, i) => {
      const received = tokens[i] === undefined ? undefined : deliveries.get(tokens[i]);
      return received ? { ...result, delivery: received } : result;
    });
    return { ...send, delivery, results };
  }

  /** More than one Push Kit request's worth of tokens (counting stops as soon as that is certain). */
  private async isBroadcast(target: SendTarget, pushType: PushType): Promise<boolean> {
    const given = target.tokens?.length ?? 0;
    if (given > JOB_BATCH_SIZE) return true;
    if (!selectsRegistry(target)) return false;
    const selected = await this.registry.countSelected(selectionOf(target, pushType), JOB_BATCH_SIZE + 1);
    return given + selected > JOB_BATCH_SIZE;
  }
}
