import { backOff } from 'exponential-backoff';
import type { PushType, SendRequest } from '@harmony-push/shared';
import { maxTokensPerRequest } from '../push-types';
import { verdictOf, type Verdict } from './answers';
import type { FlowControl } from './flow-control';
import type { PushKitJwt } from './jwt';
import type { PushKitTransport } from './transport';

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

export type TokenOutcome =
  | { status: 'accepted' }
  | { status: 'failed'; reason: string }
  /** Not known to be taken: retries ran out, or Push Kit refused the whole request. */
  | { status: 'error'; reason: string };

export interface BatchReport {
  requestId: string;
  code: string;
  msg: string;
  tokens: number;
  attempts: number;
}

export interface SenderObserver {
  answered(code: string): void;
  retried(code: string): void;
}

/** A verdict that ends a batch's attempts. */
type FinalVerdict = Exclude<Verdict, { kind: 'retry' }>;

/** Shared by every accepted token: a broadcast accepts millions. */
const ACCEPTED: TokenOutcome = Object.freeze({ status: 'accepted' });

class RetryableFailure extends Error {
  constructor(readonly code: string) {
    super(code);
  }
}

class Reauthenticate extends Error {}

const NETWORK_ERROR = 'NETWORK_ERROR';

function summary(verdict: Verdict & { kind: 'answered' }): string {
  const byReason = new Map<string, number>();
  for (const reason of verdict.refused.values()) byReason.set(reason, (byReason.get(reason) ?? 0) + 1);
  const refused = [...byReason].map(([reason, count]) => `${reason} ×${count}`).join(', ');
  return `${verdict.accepted.length} accepted` + (refused ? `, refused: ${refused}` : '');
}

/**
 * Sends one message to many tokens through Push Kit: batches of the size the push-type allows, sent concurrently
 * within the shared flow control, each retried with exponential backoff and full jitter on 5xx, 81000001 and
 * network errors. Only a batch with no answer is sent again, so an accepted token is never sent twice.
 */
export class PushKitSender {
  constructor(
    private readonly transport: PushKitTransport,
    readonly jwt: PushKitJwt,
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
    onBatch: (outcomes: Map<string, TokenOutcome>, report: BatchReport) => void | Promise<void>
  ): Promise<void> {
    const size = maxTokensPerRequest(message.pushType, message.pushOptions?.testMessage === true);
    // The body around the tokens is the same for every batch: serialise it once.
    const head = JSON.stringify({ payload: message.payload, pushOptions: message.pushOptions }).slice(0, -1);
    const batches: string[][] = [];
    for (let start = 0; start < tokens.length; start += size) batches.push(tokens.slice(start, start + size));
    await Promise.all(
      batches.map(async (batch) => {
        const result = await this.deliver(message.pushType, batch, head);
        await onBatch(result.outcomes, result.report);
      })
    );
  }

  private async deliver(pushType: PushType, batch: string[], head: string) {
    // Built when a request slot is free, so waiting batches hold only their tokens.
    let body: string | undefined;
    const startedAt = this.now();
    let attempts = 0;
    let reauthenticated = false;
    const attempt = async (): Promise<FinalVerdict> => {
      attempts += 1;
      let verdict: Verdict;
      try {
        const answer = await this.flow.run(async () => {
          body ??= `${head},"target":{"token":${JSON.stringify(batch)}}}`;
          return this.transport.send(pushType, await this.jwt.token(), body);
        });
        verdict = verdictOf(answer, batch);
      } catch (error) {
        if (error instanceof Reauthenticate) throw error;
        this.observer.answered(NETWORK_ERROR);
        throw new RetryableFailure(NETWORK_ERROR);
      }
      this.observer.answered(verdict.code);
      if (verdict.kind === 'retry') {
        if (verdict.throttled) this.flow.throttled();
        throw new RetryableFailure(verdict.code);
      }
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
        jitter: 'full',
        retry: (error: unknown) => {
          if (error instanceof RetryableFailure) lastFailure = error.code;
          const again = error instanceof Reauthenticate ||
            (error instanceof RetryableFailure && this.now() - startedAt < this.retry.totalMs);
          if (again && error instanceof RetryableFailure) this.observer.retried(error.code);
          return again;
        }
      });
    } catch (error) {
      if (!(error instanceof RetryableFailure)) throw error;
    }

    const outcomes = new Map<string, TokenOutcome>();
    if (!verdict) {
      const reason = `no answer after ${attempts} attempts (last: ${lastFailure})`;
      for (const token of batch) outcomes.set(token, { status: 'error', reason });
      return { outcomes, report: { requestId: '', code: lastFailure, msg: reason, tokens: batch.length, attempts } };
    }
    if (verdict.kind === 'answered') {
      for (const token of verdict.accepted) outcomes.set(token, ACCEPTED);
      for (const [token, reason] of verdict.refused) outcomes.set(token, { status: 'failed', reason });
      const report = { requestId: verdict.requestId, code: verdict.code, msg: summary(verdict), tokens: batch.length, attempts };
      return { outcomes, report };
    }
    const reason = `${verdict.code}: ${verdict.msg}`;
    for (const token of batch) outcomes.set(token, { status: 'error', reason });
    return { outcomes, report: { requestId: verdict.requestId, code: verdict.code, msg: verdict.msg, tokens: batch.length, attempts } };
  }
}
