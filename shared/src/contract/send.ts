import { AlertPayload } from '../push/alert';
import { BackgroundPayload } from '../push/background';
import { ExtensionPayload } from '../push/extension';
import { FormUpdatePayload } from '../push/form-update';
import { LiveViewPayload } from '../push/live-view';
import { PushOptions } from '../push/options';
import { VoIPCallPayload } from '../push/voip-call';
import { DeviceType } from './devices';
import { PushType } from './push-types';
import { DeliverySummary, TokenDelivery } from './receipts';

/** The payload interface that goes with each push-type (ALERT → AlertPayload, ...). */
export type SendPayload = AlertPayload | FormUpdatePayload | ExtensionPayload | BackgroundPayload | LiveViewPayload |
  VoIPCallPayload;

/**
 * Who a send goes to. `tokens` are sent to as given, registered or not, whatever their state. The registry selection
 * is the active tokens of `userIds` (when given) on `deviceTypes` (when given); `all: true` selects every active
 * token. Disabled tokens are never selected.
 */
export interface SendTarget {
  tokens?: string[];
  userIds?: string[];
  deviceTypes?: DeviceType[];
  all?: boolean;
  /**
   * The registry's test devices (marked by an admin), narrowed by `userIds` and `deviceTypes` when given; never with
   * `tokens`. The send goes as a test message (`pushOptions.testMessage: true`), 10 tokens a request.
   */
  testDevices?: boolean;
  /**
   * The registry selection takes stale tokens (not seen for TOKEN_STALE_DAYS) and inactive ones (Push Kit receipt
   * 10, push-msg-receipt: the device offline for 30 days) too. Default false: they waste the app's quota on devices that are likely
   * gone.
   */
  includeStale?: boolean;
  /**
   * An alert (push-type 0) selected from the registry goes to tokens whose user turned the app's notifications off
   * too; Push Kit does not show it there (receipt 6, push-msg-receipt). Default false. Other push types ignore it: they are not
   * notifications, and reach the app whatever the switch says.
   */
  includeNotificationsOff?: boolean;
}

/** `POST /send` (admin). */
export interface SendRequest {
  pushType: PushType;
  payload: SendPayload;
  pushOptions?: PushOptions;
  target: SendTarget;
}

export enum TokenResultStatus {
  /** Push Kit took it (accepted is not yet delivered). */
  ACCEPTED = 'accepted',
  /** Push Kit refused this token; `reason` is its illegalTokens key. */
  FAILED = 'failed',
  /** Not sent: the device cannot show this push-type. */
  SKIPPED = 'skipped',
  /**
   * Push Kit may or may not have taken it: the request went out and no answer came back (a timeout, a dropped
   * connection, 500 or 81000001), and sending it again could show it twice (Live View, VoIP calls).
   */
  UNKNOWN = 'unknown'
}

export interface TokenResult {
  /** Masked. */
  token: string;
  status: TokenResultStatus;
  reason?: string;
  /** The token's delivery receipt, once one arrived. */
  delivery?: TokenDelivery;
}

/** One request to Push Kit. */
export interface SendBatch {
  requestId: string;
  code: string;
  msg: string;
  tokens: number;
  attempts: number;
}

/** A field that has no effect where it was given: it is left out of what is sent. */
export interface SendWarning {
  /** Dotted path from the request root, e.g. `pushOptions.collapseKey`. */
  path: string;
  message: string;
}

/** Tokens refused for a reason that is the app's configuration, not the tokens: an operator must act. */
export interface ConfigurationProblem {
  reason: string;
  tokens: number;
  hint: string;
}

export enum SendState {
  /** A broadcast job waiting for a worker. */
  QUEUED = 'queued',
  SENDING = 'sending',
  COMPLETED = 'completed',
  /** Stopped by `POST /sends/:id/cancel`: no batch started after the cancel was acknowledged. */
  CANCELLED = 'cancelled',
  /** The send stopped on a fault (`failureReason`); what is known per token is kept. */
  FAILED = 'failed'
}

/**
 * What every view of a send shows: its state, how far its batches got, and its token counts, which always add up:
 * `accepted + failed + skipped + unknown = requested`.
 */
export interface SendProgress {
  sendId: string;
  pushType: PushType;
  state: SendState;
  batchesDone: number;
  batchesTotal: number;
  requested: number;
  accepted: number;
  failed: number;
  skipped: number;
  unknown: number;
}

/**
 * The answer of `POST /send` and `GET /sends/:id`. A synchronous send lists a result per token in the order of the
 * resolved targets; a broadcast job reports counts and batches only (dead tokens show in the registry).
 * The counts always add up: `accepted + failed + skipped + unknown = requested`.
 */
export interface SendResponse extends SendProgress {
  results: TokenResult[];
  batches: SendBatch[];
  configurationErrors: ConfigurationProblem[];
  /** Fields dropped because they have no effect where they were given. */
  warnings: SendWarning[];
  /** What receipts told so far. */
  delivery: DeliverySummary;
  /** The notifyId of an alert or extension send, assigned by the server when the caller set none: revoke uses it. */
  notifyId?: number;
  /** The day's test messages against Huawei's daily quota, on test sends. */
  testMessages?: TestMessageQuota;
  /** Why a send is `failed`. */
  failureReason?: string;
  /**
   * When its per-token `results` and `batches` were pruned, SEND_RETENTION_DAYS after it completed: both are empty
   * from then on, the counts stay. Its receipts are pruned from then on too; `delivery` keeps counting them.
   */
  detailsPrunedAt?: string;
  createdAt: string;
  completedAt?: string;
}

/** Huawei's test-message quota: 1000 successful test requests per project per day (push-msg-freq-control). */
export interface TestMessageQuota {
  /** The day counted, `YYYY-MM-DD` (the boundary is recorded in spec-choices.ts). */
  day: string;
  used: number;
  limit: number;
}

/** `GET /quota`. */
export interface QuotaResponse {
  testMessages: TestMessageQuota;
}

/** One revoke request to Push Kit (up to 1000 tokens). */
export interface RevokeBatch {
  requestId: string;
  code: string;
  msg: string;
  tokens: number;
}

/** `POST /sends/:id/revoke`: Push Kit's answers for every batch of the send. */
export interface RevokeResponse {
  sendId: string;
  notifyId: number;
  revoked: number;
  failed: number;
  batches: RevokeBatch[];
}
