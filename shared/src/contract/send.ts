import { AlertPayload } from '../push/alert';
import { BackgroundPayload } from '../push/background';
import { ExtensionPayload } from '../push/extension';
import { FormUpdatePayload } from '../push/form-update';
import { LiveViewPayload } from '../push/live-view';
import { PushOptions } from '../push/options';
import { VoIPCallPayload } from '../push/voip-call';
import { DeviceType } from './devices';
import { PushType } from './push-types';

/** The payload interface that goes with each push-type (ALERT → AlertPayload, ...). */
export type SendPayload = AlertPayload | FormUpdatePayload | ExtensionPayload | BackgroundPayload | LiveViewPayload |
  VoIPCallPayload;

/**
 * Who a send goes to. `tokens` are sent to as given, registered or not. The registry selection is the active
 * tokens of `userIds` (when given) on `deviceTypes` (when given); `all: true` selects every active token.
 */
export interface SendTarget {
  tokens?: string[];
  userIds?: string[];
  deviceTypes?: DeviceType[];
  all?: boolean;
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
 * The answer of `POST /send` and `GET /sends/:id`. A synchronous send lists a result per token in the order of the
 * resolved targets; a broadcast job reports counts and batches only (dead tokens show in the registry).
 * The counts always add up: `accepted + failed + skipped + unknown = requested`.
 */
export interface SendResponse {
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
  results: TokenResult[];
  batches: SendBatch[];
  configurationErrors: ConfigurationProblem[];
  /** Fields dropped because they have no effect where they were given. */
  warnings: SendWarning[];
  /** Why a send is `failed`. */
  failureReason?: string;
  createdAt: string;
  completedAt?: string;
}
