/*
 * Push Kit delivery receipts (V2), as Huawei posts them to the receipt URL configured in AppGallery Connect.
 * Format and result codes: Huawei's "消息回执" pages, push-api-msg-receipt (the callback's request body) and
 * push-msg-receipt (the result codes and what to do about them):
 * https://developer.huawei.com/consumer/cn/doc/harmonyos-references/push-api-msg-receipt
 * https://developer.huawei.com/consumer/cn/doc/harmonyos-guides/push-msg-receipt
 */

/** A callback carries at most this many statuses. */
export const MAX_RECEIPT_STATUSES = 100;

/** What the receipt URL must answer once the statuses are stored. */
export interface ReceiptAcknowledgement {
  code: string;
  message: string;
}

/** The delivery of one message to one token (every push-type except card updates). */
export interface DeliveryStatus {
  result: number;
  /** Milliseconds since the epoch. */
  timestamp: number;
}

/** The delivery of a card update (push-type 1). */
export interface FormStatus {
  formId: number;
  result: number;
  timestamp: number;
}

/** One status of a receipt callback: exactly one of `deliveryStatus` and `formStatus`. */
export interface ReceiptStatus {
  token: string;
  pushType: number;
  appPackageName: string;
  /** The `requestId` of the send request's answer. */
  requestId: string;
  /** The request's `biTag`; empty when none was sent. */
  biTag?: string;
  deliveryStatus?: DeliveryStatus;
  formStatus?: FormStatus;
}

/** `POST /receipts`: the body Push Kit posts. */
export interface ReceiptCallback {
  statuses: ReceiptStatus[];
}

/** The receipt result codes with a name of their own; every other code counts as `other`. */
export enum DeliveryResult {
  DELIVERED = 0,
  /** The token is invalid: the app was uninstalled. */
  UNINSTALLED = 2,
  /** The token is invalid: it no longer matches the app on the device (data cleared, reinstall, deleteToken). */
  TOKEN_MISMATCH = 5,
  /** Not shown: notifications are off for the app or its channel, or the device is in minor mode. */
  NOTIFICATIONS_OFF = 6,
  /** The device has been offline for 30 days. */
  INACTIVE_DEVICE = 10,
  /** A background message (push-type 6) to an app whose process is not running: cached on the device. */
  APP_NOT_RUNNING = 27,
  /** Device-level frequency control. */
  DEVICE_FREQUENCY_CONTROL = 102,
  /** A frequency limit: a scenario's (MARKETING's 2 a day) or the test-message quota. */
  FREQUENCY_LIMIT = 256
}

/** Every result code Huawei documents, with its meaning (push-msg-receipt). */
export function deliveryResultMeaning(result: number): string {
  switch (result) {
    case 0: return 'delivered';
    case 2: return 'token invalid: the app was uninstalled';
    case 5: return 'token invalid: token mismatch (app data cleared, reinstalled, deleteToken, or a factory reset)';
    case 6: return 'not shown: notifications are off for the app or its channel, or the device is in minor mode';
    case 10: return 'inactive device: offline for 30 days';
    case 14: return 'other error, or an internal network error';
    case 15: return 'dropped: replaced by a later message with the same collapseKey, or over the 120-message offline cache';
    case 22: return 'the token belongs to another local user (private space)';
    case 27: return 'the app process is not running: the background message was cached';
    case 31: return 'the target page was not found';
    case 51: return 'the device restarted and is still locked';
    case 102: return 'device-level frequency control';
    case 144: return 'the profileId does not exist';
    case 151: return 'not shown, or the formId does not exist';
    case 155: return 'Live View update failed: not created, or expired';
    case 156: return 'Live View version out of order';
    case 158: return 'the Live View was already created by Live View Kit';
    case 188: return 'the app failed to launch';
    case 191: return 'the badge update failed';
    case 256: return 'frequency limit: a scenario limit (MARKETING: 2 a day) or the test-message quota';
    case 259: return 'rejected: violating content or an unsafe URL';
    case 261: return 'the card does not exist (blocked for 30 days)';
    case 262: return 'the card refresh limit was reached (blocked for 1 day)';
    case 264: return 'not subscribed';
    case 265: return 'Live View update blocked (24 hours)';
    case 268: return 'status missing on a Live View update';
    case 269: return 'duplicate Live View creation';
    default: return 'undocumented result code';
  }
}

/** How a send's delivery summary counts a result. */
export enum DeliveryCategory {
  DELIVERED = 'delivered',
  NOT_SHOWN = 'notShown',
  UNINSTALLED = 'uninstalled',
  TOKEN_MISMATCH = 'tokenMismatch',
  INACTIVE = 'inactive',
  THROTTLED = 'throttled',
  OTHER = 'other'
}

export function deliveryCategory(result: number): DeliveryCategory {
  switch (result) {
    case DeliveryResult.DELIVERED: return DeliveryCategory.DELIVERED;
    case DeliveryResult.NOTIFICATIONS_OFF: return DeliveryCategory.NOT_SHOWN;
    case DeliveryResult.UNINSTALLED: return DeliveryCategory.UNINSTALLED;
    case DeliveryResult.TOKEN_MISMATCH: return DeliveryCategory.TOKEN_MISMATCH;
    case DeliveryResult.INACTIVE_DEVICE: return DeliveryCategory.INACTIVE;
    case DeliveryResult.DEVICE_FREQUENCY_CONTROL: return DeliveryCategory.THROTTLED;
    case DeliveryResult.FREQUENCY_LIMIT: return DeliveryCategory.THROTTLED;
    default: return DeliveryCategory.OTHER;
  }
}

/**
 * What receipts told about a send, on `GET /sends/:id`. `pending` = accepted minus the statuses received;
 * `byResult` counts every result code, keyed by the code as a string.
 */
export interface DeliverySummary {
  delivered: number;
  notShown: number;
  uninstalled: number;
  tokenMismatch: number;
  inactive: number;
  throttled: number;
  other: number;
  pending: number;
  byResult: Record<string, number>;
}

/** One token's receipt on an immediate send's result. */
export interface TokenDelivery {
  result: number;
  meaning: string;
  /** ISO 8601, from the receipt's timestamp. */
  at: string;
}

/** The summary of a send no receipt has reached yet: everything accepted is pending. */
export function noDeliveries(accepted: number): DeliverySummary {
  return {
    delivered: 0, notShown: 0, uninstalled: 0, tokenMismatch: 0, inactive: 0, throttled: 0, other: 0,
    pending: accepted, byResult: {}
  };
}
