import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import pLimit from 'p-limit';
import { request } from 'undici';
import { MAX_RECEIPT_STATUSES, PushType, type ReceiptStatus } from '@harmony-push/shared';
import { CALLBACK_ID_HEADER, signCallbackId, type ReceiptCredentials } from '../receipts/signature';

/** Posts one receipt callback; resolves to the HTTP status, rejects when no answer came. */
export type ReceiptPost = (body: string, headers: Record<string, string>) => Promise<number>;

/** How long a callback may take before it counts as failed. */
const CALLBACK_TIMEOUT_MS = 10_000;

/** A receipt URL over HTTP(S). */
export function httpReceiptPost(url: string): ReceiptPost {
  return async (body, headers) => {
    const response = await request(url, {
      method: 'POST',
      body,
      headers,
      headersTimeout: CALLBACK_TIMEOUT_MS,
      bodyTimeout: CALLBACK_TIMEOUT_MS
    });
    await response.body.dump();
    return response.statusCode;
  };
}

export interface ReceiptOptions {
  post: ReceiptPost;
  /** Absent: callbacks carry no X-HUAWEI-CALLBACK-ID, as Huawei's do when no user name and secret are configured. */
  credentials?: ReceiptCredentials;
  /** The receipts' `appPackageName`. */
  appPackageName?: string;
  /** Receipts wait this long, so those of several requests share callbacks (Huawei's come asynchronously). */
  delayMs?: number;
  /** Tries of one callback before its statuses are given up. */
  attempts?: number;
  /** Wait before the first retry; doubled for each further one. */
  retryDelayMs?: number;
  /** Statuses waiting or being posted at most; past it, new ones are dropped and counted. */
  maxQueued?: number;
}

const DEFAULTS = {
  appPackageName: 'com.example.harmonypush',
  delayMs: 200,
  attempts: 3,
  retryDelayMs: 1_000,
  maxQueued: 10_000
};

/** Callbacks posted at once. */
const CONCURRENT_CALLBACKS = 4;

export interface ReceiptStats {
  /** Waiting for the delay, or being posted. */
  queued: number;
  delivered: number;
  /** Given up after every attempt failed. */
  failed: number;
  /** Past the queue bound, or still waiting at shutdown. */
  dropped: number;
}

/** One accepted message to one token, as its receipt reports it. */
export interface Delivery {
  token: string;
  pushType: PushType;
  requestId: string;
  biTag?: string;
  result: number;
  timestamp: number;
  /** A card update's card. */
  formId?: number;
}

/**
 * Delivers the emulator's V2 receipts (push-api-msg-receipt): collected for `delayMs`, posted in callbacks of at
 * most 100 statuses, each signed afresh as Huawei signs (X-HUAWEI-CALLBACK-ID), retried a bounded number of times.
 * Memory is bounded by `maxQueued`, so a dead receipt URL costs nothing but dropped receipts.
 */
export class ReceiptDispatcher {
  private readonly settings: Required<Omit<ReceiptOptions, 'credentials'>> & Pick<ReceiptOptions, 'credentials'>;
  private queue: ReceiptStatus[] = [];
  private posting = 0;
  private timer?: NodeJS.Timeout;
  private closed = false;
  private dropping = false;
  private readonly counts = { delivered: 0, failed: 0, dropped: 0 };
  private readonly inFlight = new Set<Promise<void>>();
  private readonly retryWaits = new Set<{ timer: NodeJS.Timeout; resume: () => void }>();
  private readonly idleWaiters: (() => void)[] = [];
  private readonly limit = pLimit(CONCURRENT_CALLBACKS);

  constructor(
    options: ReceiptOptions,
    private readonly now: () => number,
    private readonly log: FastifyBaseLogger
  ) {
    this.settings = { ...DEFAULTS, ...options };
  }

  get stats(): ReceiptStats {
    return { queued: this.queue.length + this.posting, ...this.counts };
  }

  /** Queues the receipts of one accepted request. */
  add(deliveries: Delivery[]): void {
    if (this.closed || deliveries.length === 0) return;
    const room = Math.max(0, this.settings.maxQueued - this.queue.length - this.posting);
    const taken = deliveries.slice(0, room);
    const dropped = deliveries.length - taken.length;
    if (dropped > 0) {
      this.counts.dropped += dropped;
      if (!this.dropping) {
        this.dropping = true;
        this.log.warn({ maxQueued: this.settings.maxQueued }, 'receipts dropped: too many wait for the receipt URL');
      }
    }
    this.queue.push(...taken.map((delivery) => this.status(delivery)));
    if (this.queue.length > 0) this.timer ??= setTimeout(() => this.flush(), this.settings.delayMs);
  }

  /** Resolves once nothing waits or is being posted (tests, shutdown). */
  settled(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Stops: nothing more is posted; what waits is dropped; posts under way finish. */
  async close(): Promise<void> {
    if (this.closed) return this.settled();
    this.closed = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.queue.length > 0) {
      this.counts.dropped += this.queue.length;
      this.log.info({ statuses: this.queue.length }, 'receipts not posted: the emulator stopped');
      this.queue = [];
    }
    for (const wait of this.retryWaits) {
      clearTimeout(wait.timer);
      wait.resume();
    }
    await Promise.all(this.inFlight);
    this.wakeIfIdle();
  }

  private status(delivery: Delivery): ReceiptStatus {
    const { token, pushType, requestId, result, timestamp, formId } = delivery;
    const outcome =
      pushType === PushType.FORM_UPDATE ? { formStatus: { formId: formId ?? 0, result, timestamp } } : { deliveryStatus: { result, timestamp } };
    return { token, pushType, appPackageName: this.settings.appPackageName, requestId, biTag: delivery.biTag ?? '', ...outcome };
  }

  private flush(): void {
    this.timer = undefined;
    while (this.queue.length > 0) {
      const statuses = this.queue.splice(0, MAX_RECEIPT_STATUSES);
      this.posting += statuses.length;
      const posted = this.limit(() => this.deliver(statuses)).finally(() => {
        this.posting -= statuses.length;
        this.inFlight.delete(posted);
        this.wakeIfIdle();
      });
      this.inFlight.add(posted);
    }
  }

  private async deliver(statuses: ReceiptStatus[]): Promise<void> {
    const body = JSON.stringify({ statuses });
    let failure: { status?: number; error?: string } = {};
    const { attempts, retryDelayMs } = this.settings;
    for (let attempt = 1; attempt <= attempts && !this.closed; attempt += 1) {
      try {
        const status = await this.settings.post(body, this.headers());
        if (status >= 200 && status < 300) {
          this.counts.delivered += statuses.length;
          return;
        }
        failure = { status };
      } catch (error) {
        failure = { error: error instanceof Error ? error.message : String(error) };
      }
      if (attempt < attempts) await this.wait(retryDelayMs * 2 ** (attempt - 1));
    }
    if (this.closed) {
      this.counts.dropped += statuses.length;
      return;
    }
    this.counts.failed += statuses.length;
    this.log.warn({ statuses: statuses.length, attempts, ...failure }, 'receipts not delivered: the receipt URL kept failing');
  }

  private headers(): Record<string, string> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    const { credentials } = this.settings;
    if (credentials) headers[CALLBACK_ID_HEADER] = signCallbackId(credentials, this.now(), randomUUID());
    return headers;
  }

  /** A retry's wait, cut short by close(). */
  private wait(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const entry = {
        timer: setTimeout(() => entry.resume(), ms),
        resume: () => {
          this.retryWaits.delete(entry);
          resolve();
        }
      };
      this.retryWaits.add(entry);
    });
  }

  private isIdle(): boolean {
    return this.queue.length === 0 && this.posting === 0 && this.timer === undefined;
  }

  private wakeIfIdle(): void {
    if (!this.isIdle()) return;
    this.dropping = false;
    for (const wake of this.idleWaiters.splice(0)) wake();
  }
}
