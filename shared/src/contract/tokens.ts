import { DeviceType } from './devices';

/** Longest push token accepted; Huawei documents no fixed length. */
export const MAX_TOKEN_LENGTH = 4096;

/** Longest user id (a user JWT's `sub`) the registry binds and sends select by. */
export const MAX_USER_ID_LENGTH = 256;

/**
 * The states of a registered token, defined here once; the registry's lifecycle module decides the moves between
 * them. `notificationsEnabled` is a separate flag, not a state.
 */
export enum TokenStatus {
  ACTIVE = 'active',
  /** Not seen (registered, or a delivered receipt) for TOKEN_STALE_DAYS: broadcasts skip it unless asked. */
  STALE = 'stale',
  /** Push Kit reported the device offline for 30 days (receipt 10): broadcasts skip it unless asked. */
  INACTIVE = 'inactive',
  /** Dead (`disabledReason`): receives nothing until the device registers it again. */
  DISABLED = 'disabled'
}

/** `POST /tokens`: sent by the app after `getToken()` or `tokenUpdate`. */
export interface TokenRegistration {
  token: string;
  deviceType: DeviceType;
  osApiVersion?: number;
  appVersion?: string;
  /**
   * Whether the user allows this app's notifications (`notificationManager.isNotificationEnabled()`),
   * absent when the device could not tell. Alerts to a device that says `false` are never shown
   * (Push Kit receipt code 6).
   */
  notificationsEnabled?: boolean;
  /**
   * The token this one replaces (after `tokenUpdate` or a reinstall). Its user binding never moves with it: only a
   * user JWT binds the new token, to that JWT's subject.
   */
  previousToken?: string;
}

/** The answer to `POST /tokens`: the token masked, and no user binding (device routes never reveal one). */
export interface RegisteredToken {
  id: string;
  token: string;
  deviceType: DeviceType;
  osApiVersion?: number;
  appVersion?: string;
  notificationsEnabled?: boolean;
  status: TokenStatus;
  disabledReason?: string;
  disabledAt?: string;
  /** The last delivered receipt (result 0). */
  lastDeliveredAt?: string;
  createdAt: string;
  lastSeenAt: string;
  updatedAt: string;
}

/** A registered token as the admin API shows it: the token itself is always masked. */
export interface TokenSummary extends RegisteredToken {
  userId?: string;
  /** Marked by an admin: `target.testDevices` sends test messages to these. */
  testDevice: boolean;
}

/** `GET /tokens` query (admin). */
export interface TokenListQuery {
  status?: TokenStatus;
  deviceType?: DeviceType;
  userId?: string;
  notificationsEnabled?: boolean;
  /** Only test devices (true) or only the others (false). */
  testDevice?: boolean;
  /** The token's last characters (at least 4): finds a device from what a log or a masked token shows. */
  tokenSuffix?: string;
  cursor?: string;
  limit?: number;
}

/** `GET /tokens` answer: `nextCursor` is absent on the last page. */
export interface TokenPage {
  items: TokenSummary[];
  nextCursor?: string;
}
