/**
 * Push-type 0 (Alert): a notification, or a badge-only update.
 * Field reference: Push Kit v3 AlertPayload / Notification / ClickAction / Badge.
 */

/**
 * Notification categories. A category the app holds no self-classification right for is shown as MARKETING
 * (at most 2 or 5 a day per device); PLAY_VOICE is only accepted with push-type 2.
 */
export enum NotificationCategory {
  IM = 'IM',
  VOIP = 'VOIP',
  MISS_CALL = 'MISS_CALL',
  SUBSCRIPTION = 'SUBSCRIPTION',
  TRAVEL = 'TRAVEL',
  HEALTH = 'HEALTH',
  WORK = 'WORK',
  ACCOUNT = 'ACCOUNT',
  EXPRESS = 'EXPRESS',
  FINANCE = 'FINANCE',
  DEVICE_REMINDER = 'DEVICE_REMINDER',
  MAIL = 'MAIL',
  PLAY_VOICE = 'PLAY_VOICE',
  MARKETING = 'MARKETING'
}

export enum NotificationStyle {
  NORMAL = 0,
  /** Being deprecated by Huawei; needs bigTitle and bigBody. */
  BIG_TEXT = 1,
  /** Multi-line: needs inboxContent. */
  INBOX = 3
}

/** Priority notifications; each needs Huawei's priority-notification right. */
export enum PriorityScene {
  PRIMARY_CONTACT = 'PRIMARY_CONTACT',
  AT_ME = 'AT_ME',
  URGENT_MESSAGE = 'URGENT_MESSAGE',
  SCHEDULE_REMINDER = 'SCHEDULE_REMINDER'
}

/** What a tap does. Notifications allow only HOME_PAGE and CUSTOM_PAGE; Live View `extend` allows all four. */
export enum ClickActionType {
  HOME_PAGE = 0,
  /** Needs `action` or `uri` (action is matched first). */
  CUSTOM_PAGE = 1,
  CLEAR_NOTIFICATION = 3,
  /** Needs `data.tel`. */
  DIAL = 5
}

/**
 * Data handed to the app in `want.parameters` on a tap: "a JSON object" (push-scenariozed-api-request-param,
 * ClickAction.data), so values may nest.
 */
export type ClickActionData = Record<string, Object | null>;

export interface ClickAction {
  actionType: ClickActionType;
  action?: string;
  uri?: string;
  data?: ClickActionData;
}

/** Badge control; `setNum` wins over `addNum`. Not shown on wearables or TVs. */
export interface Badge {
  /** 1..99, added to the current badge. */
  addNum?: number;
  /** 0..99, the badge number to show. */
  setNum?: number;
}

/**
 * A notification. category, title, body and clickAction are required, except in a badge-only update, which
 * carries nothing but `badge`.
 */
export interface Notification {
  category?: NotificationCategory;
  title?: string;
  body?: string;
  /** HTTPS URL of the large icon on the right. */
  image?: string;
  /** HTTPS URL; only for IM, VOIP and MISS_CALL (HarmonyOS 6.1.0(23)+). */
  overlayIcon?: string;
  style?: NotificationStyle;
  bigTitle?: string;
  bigBody?: string;
  /** -1 or absent: Push Kit picks one. 0..2147483647: replaces an earlier notification with the same id. */
  notifyId?: number;
  /** 1..64 characters of [A-Za-z0-9+/=-_] and whitespace; dedupes across channels for 24 h. */
  appMessageId?: string;
  /** At most 64 characters: the anonymous in-app account bound with bindAppProfileId. */
  profileId?: string;
  /** Up to 3 lines of at most 1024 characters, for style 3. */
  inboxContent?: string[];
  clickAction?: ClickAction;
  badge?: Badge;
  /** A file name under the app's resources/rawfile. */
  sound?: string;
  /** 1..60 s; only together with `sound`. */
  soundDuration?: number;
  /** false: an app in the foreground gets the message through receiveMessage('DEFAULT') and nothing is shown. */
  foregroundShow?: boolean;
  priorityScene?: PriorityScene;
}

export interface AlertPayload {
  notification: Notification;
}
