import { backOff } from 'exponential-backoff';
import { PushType, type SendBatch, type SendRequest } from '@harmony-push/shared';
import { maxTokensPerRequest } from '../push-types';
import { verdictOf, type Verdict } from './answers';
import { ACCEPTED, failed, unknown, type TokenOutcome } from './outcomes';
import { AttemptFailure, RetryDecision, mayHaveBeenTaken, retryDecision } from './spec-choices';
import type { FlowControl } from './flow-control';
import type { PushKitJwt } from './jwt';
import type { PushKitAnswer, PushKitTransport } from './transport';

export interface RetryPolicy {
  /** Attempts per batch, the first included. */
  attempts: number;
  firstDelayMs: number;
  maxDelayMs: number;
  /** No batch is retried after this long since its first attempt. */
  totalMs: number;
}

/** A validated message: what `/send` took apart from the target. */
export type OutgoingMessage = Omit<SendRequest, 'target'>;

export interface SenderObserver {
  answered(code: string): void;
  retried(code: string): void;
}

/** A verdict that ends a batch's attempts. */
type FinalVerdict = Exclude<Verdict, { kind: 'retry' }>;

class RetryableFailure extends Error {
  constructor(readonly failure: AttemptFailure, readonly code: string) {
    super(code);
  }
}

class Reauthenticate extends Error {}

/** Connection errors that happen before a byte of the request left: Push Kit cannot have seen it. */
const BEFORE_SENDING = new Set<unknown>(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);

function networkFailure(error: unknown): AttemptFailure {
  return BEFORE_SENDING.has((error as { code?: unknown } | null)?.code) ? AttemptFailure.NOT_SENT : AttemptFailure.NO_ANSWER;
}

function summary(verdict: Verdict & { kind: 'answered' }): string {
  const byReason = new Map<string, number>();
  for (const reason of verdict.refused.values()) byReason.set(reason, (byReason.get(reason) ?? 0) + 1);
  const refused = [...byReason].map(([reason, count]) => `${reason} ×${count}`).join(', ');
  return `${verdict.accepted.length} accepted` + (refused ? `, refused: ${refused}` : '');
}

/**
 * Whether the device drops a repeat of the message: it carries an appMessageId. An alert that cannot (a badge-only
 * update) is not protected; which push-types need one is the retry table's call, in spec-choices.ts.
 */
function deduplicated(message: OutgoingMessage): boolean {
  return (message.payload as { notification?: { appMessageId?: string } }).notification?.appMessageId !== undefined;
}

/**
 * Sends one message to many tokens through Push Kit: batches of the size the push-type allows, sent concurrently
 * within the shared flow control. A failed attempt is retried (exponential backoff, full jitter) where the retry
 * table in spec-choices allows it; where Push Kit may already have taken a request that must not show twice, its
 * tokens are `unknown` instead. An answered token is never sent again.
 */
export class PushKitSender {
  constructor(
    private readonly transport: Pick<PushKitTransport, 'send' | 'revoke' | 'canRevoke'>,
    readonly jwt: Pick<PushKitJwt, 'token' | 'invalidate'>,
    private readonly flow: FlowControl,
    private readonly retry: RetryPolicy,
    private readonly observer: SenderObserver,
    private readonly now: () => number = Date.now
  ) {}

  /**
   * Calls `onBatch` as each batch completes with the outcome of each of its tokens. `tokens` must be distinct.
   */
  async send(
    message: OutgoingMessage,
    tokens: string[],
    onBatch: (outcomes: Map<string, TokenOutcome>, report: SendBatch) => void | Promise<void>
  ): Promise<void> {
    const size = maxTokensPerRequest(message.pushType, message.pushOptions?.testMessage === true);
    // The body around the tokens is the same for every batch: serialise it once.
    const head = JSON.stringify({ payload: message.payload, pushOptions: message.pushOptions }).slice(0, -1);
    const dedup = deduplicated(message);
    const batches: string[][] = [];
    for (let start = 0; start < tokens.length; start += size) batches.push(tokens.slice(start, start + size));
    await Promise.all(
      batches.map(async (batch) => {
        // Built when a request slot is free, so waiting batches hold only their tokens.
        let body: string | undefined;
        const result = await this.deliver(message.pushType, dedup, batch, (jwt) =>
          this.transport.send(message.pushType, jwt, (body ??= `${head},"target":{"token":${JSON.stringify(batch)}}}`))
        );
        await onBatch(result.outcomes, result.report);
      })
    );
  }

  /** Whether revoke() can be called: the app's Client ID is configured. */
  get canRevoke(): boolean {
    return this.transport.canRevoke;
  }

  /**
   * Revokes notification `notifyId` of push-type 0 or 2 on up to 1000 distinct tokens (push-msg-revoke), with the
   * same flow control, re-signing and retries as a send. A repeated revoke is harmless, so every failure the retry
   * table lists is tried again. `accepted` tokens were revoked.
   */
  revoke(pushType: PushType, notifyId: number, tokens: string[]): Promise<{ outcomes: Map<string, TokenOutcome>; report: SendBatch }> {
    const body = JSON.stringify({ notifyId, token: tokens });
    return this.deliver(pushType, true, tokens, (jwt) => this.transport.revoke(pushType, jwt, body));
  }

  private async deliver(pushType: PushType, dedup: boolean, batch: string[], transmit: (jwt: string) => Promise<PushKitAnswer>) {
    // The retry window counts from the first attempt on the wire, not from the queue behind the flow control.
    let firstSentAt: number | undefined;
    let attempts = 0;
    let reauthenticated = false;
    /** Set once an attempt may have been taken by Push Kit: the tokens are `unknown` unless a later answer says. */
    let maybeTaken = false;
    const attempt = async (): Promise<FinalVerdict> => {
      attempts += 1;
      const verdict = await this.flow.run(batch.length, async (sending): Promise<Verdict> => {
        firstSentAt ??= this.now();
        let answer: PushKitAnswer;
        try {
          answer = await transmit(await this.jwt.token());
        } catch (error) {
          const failure = networkFailure(error);
          return { kind: 'retry', status: 0, code: failure, failure };
        }
        const verdict = verdictOf(answer, batch);
        // Told before the request settles, so the requests waiting for its answer see the pause (FlowControl.run).
        // Stryker disable next-line ConditionalExpression: only a retry verdict has a failure; the kind is checked for the type
        if (verdict.kind === 'retry' && verdict.failure === AttemptFailure.HTTP_503) this.flow.throttled(sending, verdict.retryAfterMs);
        return verdict;
      });
      this.observer.answered(verdict.code);
      if (verdict.kind === 'retry') throw new RetryableFailure(verdict.failure, verdict.code);
      this.flow.succeeded();
      if (verdict.kind === 'reauthenticate' && !reauthenticated) {
        reauthenticated = true;
        this.jwt.invalidate();
        throw new Reauthenticate();
      }
      return verdict;
    };

    let verdict: FinalVerdict | undefined;
    let lastFailure = '';
    try {
      verdict = await backOff(attempt, {
        numOfAttempts: this.retry.attempts,
        startingDelay: this.retry.firstDelayMs,
        maxDelay: this.retry.maxDelayMs,
        // Stryker disable next-line StringLiteral: not equivalent, but unobservable: the delays run on the library's real timers, and tests assert no wall-clock time
        jitter: 'full',
        retry: (error: unknown) => {
          if (error instanceof Reauthenticate) return true;
          // Stryker disable next-line ConditionalExpression: any other error has no row in the retry table, so it is not retried either way
          if (!(error instanceof RetryableFailure)) return false;
          lastFailure = error.code;
          const decision = retryDecision(error.failure, pushType, dedup);
          maybeTaken ||= mayHaveBeenTaken(error.failure);
          const again = decision === RetryDecision.RETRY && this.now() - (firstSentAt ?? this.now()) < this.retry.totalMs;
          if (again) this.observer.retried(error.code);
          return again;
        }
      });
    } catch (error) {
      if (!(error instanceof RetryableFailure)) throw error;
    }

    const outcomes = new Map<string, TokenOutcome>();
    const report = (requestId: string, code: string, msg: string): SendBatch => ({ requestId, code, msg, tokens: batch.length, attempts });
    if (!verdict) {
      const reason = `no answer after ${attempts} attempt${attempts === 1 ? '' : 's'} (last: ${lastFailure})`;
      const outcome = maybeTaken ? unknown(reason) : failed(reason);
      for (const token of batch) outcomes.set(token, outcome);
      return { outcomes, report: report('', lastFailure, reason) };
    }
    if (verdict.kind === 'answered') {
      for (const token of verdict.accepted) outcomes.set(token, ACCEPTED);
      for (const [token, reason] of verdict.refused) outcomes.set(token, failed(reason));
      return { outcomes, report: report(verdict.requestId, verdict.code, summary(verdict)) };
    }
    const reason = failed(`${verdict.code}: ${verdict.msg}`);
    for (const token of batch) outcomes.set(token, reason);
    return { outcomes, report: report(verdict.requestId, verdict.code, verdict.msg) };
  }
}
