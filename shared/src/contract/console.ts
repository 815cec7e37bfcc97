import { DeviceType } from './devices';
import { PushType } from './push-types';
import { DeliverySummary, TokenDelivery } from './receipts';
import { SendProgress, SendState, TokenResultStatus } from './send';
import { TokenStatus, TokenSummary } from './tokens';

/*
 * The admin views the operator console (`/console`) reads. Every token in them is masked.
 */

/** Registered devices of one device type in one status. */
export interface DeviceCount {
  deviceType: DeviceType;
  status: TokenStatus;
  count: number;
  /** Of these, the devices that said the user turned the app's notifications off. */
  notificationsOff: number;
}

/** Sends started in a period, and the tokens Push Kit accepted for them. */
export interface SendCounts {
  sends: number;
  accepted: number;
}

/** One day of the delivery funnel: what Push Kit accepted, and what receipts told of it. */
export interface FunnelDay {
  /** `YYYY-MM-DD`, UTC. */
  day: string;
  accepted: number;
  delivery: DeliverySummary;
}

/** Where sends go. */
export enum PushKitTargetKind {
  /** The local Push Kit emulator (no service account configured). */
  EMULATOR = 'emulator',
  HUAWEI = 'huawei'
}

/** A configuration problem Push Kit reported on a recent send (`noPushTypeRight` and friends). */
export interface RecentConfigurationProblem {
  sendId: string;
  at: string;
  reason: string;
  tokens: number;
  hint: string;
}

/** What an operator must know about the server's Push Kit set-up. */
export interface ConfigurationHealth {
  pushKitTarget: PushKitTargetKind;
  pushKitBaseUrl: string;
  /** The service account's project; sends cannot start without one loaded. */
  projectId: string;
  serviceAccountLoaded: boolean;
  /** Push Kit JWTs signed since start, and when the last one was. */
  jwtSignings: number;
  lastJwtSigningAt?: string;
  /** The latest configuration problems, newest first. */
  configurationErrors: RecentConfigurationProblem[];
  /** Whether delivery receipts can reach this server (POST /receipts is configured). */
  receiptEndpointConfigured: boolean;
}

/** `GET /overview` (admin). */
export interface OverviewResponse {
  devices: DeviceCount[];
  last24Hours: SendCounts;
  last30Days: SendCounts;
  /** The last 30 days that had sends, oldest first. */
  funnel: FunnelDay[];
  health: ConfigurationHealth;
}

/** A send as the history lists it: counts without the per-token results. */
export interface SendSummary extends SendProgress {
  /** Who it went to, in words (`3 tokens`, `all`, `users: a, b`); never a token. */
  audience: string;
  delivery: DeliverySummary;
  createdAt: string;
  completedAt?: string;
}

/** `GET /sends` query (admin): newest first. */
export interface SendHistoryQuery {
  state?: SendState;
  cursor?: string;
  limit?: number;
}

/** `GET /sends` answer: `nextCursor` is absent on the last page. */
export interface SendHistoryPage {
  items: SendSummary[];
  nextCursor?: string;
}

/** `POST /audience/count` answer: how many tokens a send's target resolves to now. */
export interface AudienceCount {
  count: number;
}

/** A send that named one device, and what became of it there. */
export interface DeviceSend {
  sendId: string;
  pushType: PushType;
  state: SendState;
  createdAt: string;
  status: TokenResultStatus;
  reason?: string;
  delivery?: TokenDelivery;
}

/** `GET /tokens/:id` (admin): a registered device, and the latest sends that reached it. */
export interface DeviceDetail {
  device: TokenSummary;
  sends: DeviceSend[];
}

/** The admin actions the audit log records. */
export enum AuditAction {
  SEND = 'send',
  CANCEL = 'cancel',
  REVOKE = 'revoke',
  TEST_DEVICE_ADD = 'testDeviceAdd',
  TEST_DEVICE_REMOVE = 'testDeviceRemove',
  EXPORT = 'export'
}

/** One admin action. */
export interface AuditEntry {
  id: string;
  at: string;
  action: AuditAction;
  /** The first 8 hex digits of the SHA-256 of the admin key used: which key, never the key. */
  adminKeyId: string;
  /** What was acted on: a send id, a masked token, an export's filter. */
  subject: string;
}

/** `GET /audit` query (admin): newest first. */
export interface AuditQuery {
  action?: AuditAction;
  cursor?: string;
  limit?: number;
}

/** `GET /audit` answer. */
export interface AuditPage {
  items: AuditEntry[];
  nextCursor?: string;
}
