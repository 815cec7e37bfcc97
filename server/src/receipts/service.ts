import type { FastifyBaseLogger } from 'fastify';
import { deliveryResultMeaning, PUSH_TYPES, type ReceiptStatus } from '@harmony-push/shared';
import type { ReceiptConfig } from '../config';
import { Coalescer } from '../db/coalescer';
import { isDatabaseUnavailable } from '../db/errors';
import { errors } from '../errors';
import type { Metrics } from '../metrics/plugin';
import type { TokenRepository } from '../registry/repository';
import type { Callback, ReceiptRepository, StoredStatus } from './repository';
import { CALLBACK_ID_HEADER, parseCallbackId, signatureMatches } from './signature';

/** A callback's timestamp may be this far from our clock, either way (Huawei documents no bound; ours). */
export const MAX_CLOCK_SKEW_MS = 5 * 60_000;

/** What the authentication of a callback established: the nonce to remember, when it was signed. */
export interface Caller {
  nonce?: string;
}

const UNDOCUMENTED = deliveryResultMeaning(Number.NaN);

/**
 * Callback statements running at once, and callbacks a statement stores at most (100 statuses each). Push Kit posts
 * from many workers at once: coalesced, sixteen callbacks cost one statement's planning and round trip, not sixteen.
 */
const COALESCED_STATEMENTS = 4;
const MAX_COALESCED_CALLBACKS = 16;

/** Metric labels stay few whatever a caller posts: undocumented codes and push-types are counted as "other". */
const resultLabel = (result: number) => (deliveryResultMeaning(result) === UNDOCUMENTED ? 'other' : String(result));
const pushTypeLabel = (pushType: number) => ((PUSH_TYPES as number[]).includes(pushType) ? String(pushType) : 'other');

/**
 * Receipt callbacks from Push Kit (push-api-msg-receipt): who may post them, and storing what they say. The
 * statuses, the nonce of their signature and what they mean for the registry's tokens (its lifecycle's statement)
 * are one statement: one round trip, one transaction. Callbacks arriving together are stored together
 * (../db/coalescer), each answered once the statement holding it committed.
 */
export class ReceiptService {
  private readonly coalescer: Coalescer<Callback, boolean>;

  constructor(
    private readonly receipts: ReceiptRepository,
    private readonly tokens: TokenRepository,
    private readonly metrics: Metrics,
    private readonly log: FastifyBaseLogger,
    private readonly config: ReceiptConfig,
    private readonly now: () => number = Date.now
  ) {
    let unsigned = 0;
    this.coalescer = new Coalescer({
      run: (callbacks) => this.store(callbacks),
      // Two callbacks with one nonce never share a statement: the later one must find the nonce seen. Unsigned ones
      // have no nonce to collide on: each gets a key of its own.
      // Stryker disable next-line AssignmentOperator: counting down keeps every key distinct all the same
      keyOf: (callback) => callback.nonce ?? `unsigned ${(unsigned += 1)}`,
      failsEveryBatch: isDatabaseUnavailable,
      concurrency: COALESCED_STATEMENTS,
      maxBatch: MAX_COALESCED_CALLBACKS
    });
  }

  /** False when no callback credentials are configured and unsigned receipts are not allowed: the route is absent. */
  get enabled(): boolean {
    return this.config.credentials !== undefined || this.config.unsigned;
  }

  /**
   * Checks the X-HUAWEI-CALLBACK-ID header against the configured user name and secret (either key form), and its
   * timestamp against our clock. The nonce is checked when the statuses are stored, in their transaction.
   */
  authenticate(header: string | undefined): Caller {
    const credentials = this.config.credentials;
    if (credentials === undefined) return {};
    if (header === undefined) throw errors.unauthorized(`${CALLBACK_ID_HEADER} is required`);
    const id = parseCallbackId(header);
    if (id === undefined) throw errors.unauthorized(`${CALLBACK_ID_HEADER} must be timestamp=<ms>;nonce=<nonce>;value=<signature>`);
    if (Math.abs(this.now() - Number(id.timestamp)) > MAX_CLOCK_SKEW_MS) {
      throw errors.unauthorized(`${CALLBACK_ID_HEADER} timestamp is more than ${MAX_CLOCK_SKEW_MS / 60_000} minutes away`);
    }
    if (!signatureMatches(credentials, id)) throw errors.unauthorized(`${CALLBACK_ID_HEADER} signature does not match`);
    return { nonce: id.nonce };
  }

  /** Stores a callback's statuses and applies them to the registry; a replayed nonce stores nothing (401). */
  async accept(statuses: ReceiptStatus[], caller: Caller): Promise<void> {
    const stored = await this.coalescer.submit({ statuses, nonce: caller.nonce });
    if (!stored) throw errors.unauthorized(`${CALLBACK_ID_HEADER} nonce was seen before`);
  }

  /** Callbacks stored in one statement: whether each was (its nonce was new), in their order. */
  private async store(callbacks: Callback[]): Promise<boolean[]> {
    const { accepted, stored } = await this.receipts.store(callbacks, this.tokens.receiptReactions);
    this.count(stored);
    return callbacks.map((_, index) => accepted.has(index));
  }

  private count(stored: StoredStatus[]): void {
    const counted = new Map<string, { result: string; push_type: string; n: number }>();
    let orphaned = 0;
    for (const status of stored) {
      if (status.sendId === null) orphaned += 1;
      const labels = { result: resultLabel(status.result), push_type: pushTypeLabel(status.pushType) };
      const key = `${labels.result}/${labels.push_type}`;
      counted.set(key, { ...labels, n: (counted.get(key)?.n ?? 0) + 1 });
    }
    for (const { n, ...labels } of counted.values()) this.metrics.receipts.inc(labels, n);
    if (orphaned > 0) {
      this.metrics.receiptsOrphaned.inc(orphaned);
      this.log.warn({ orphaned }, 'receipt statuses matched no send');
    }
  }
}
