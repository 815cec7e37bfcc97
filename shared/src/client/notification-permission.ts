import { ClientError } from './errors';
import { Logger } from './logger';

/** The system's "allow notifications" switch for this app (`notificationManager.isNotificationEnabled`). */
export interface NotificationSwitch {
  isEnabled(): Promise<boolean>;
}

/**
 * The switch and the system dialog that asks the user to turn it on
 * (`notificationManager.requestEnableNotification`). `requestEnable` resolves when the user allowed, and
 * rejects with the error `notificationErrorOf` makes of the kit's code otherwise.
 */
export interface NotificationSettings extends NotificationSwitch {
  requestEnable(): Promise<void>;
}

/** `BusinessError` codes of `@ohos.notificationManager` the client tells apart. */
export enum NotificationErrorCode {
  /** "Notification disabled": the user said no in the dialog (or said so before, so no dialog shows). */
  DISABLED = 1600004
}

/** The user does not allow this app's notifications. */
export class NotificationsDeniedError extends ClientError {
  constructor(message: string) {
    super('NotificationsDeniedError', message, false,
      'The user did not allow notifications: alerts to this device are not shown until they are allowed in Settings.');
  }
}

/** A notification kit failure as the client core sees it: the user's "no" apart from everything else. */
export function notificationErrorOf(code: number, message: string): ClientError {
  if (code === NotificationErrorCode.DISABLED) {
    return new NotificationsDeniedError(message);
  }
  return new ClientError('NotificationError', 'Notification error ' + code.toString() + ': ' + message, false, '');
}

/** The switch, or `undefined` (logged) when it cannot be read. */
export async function readNotificationSwitch(settings: NotificationSwitch, logger: Logger): Promise<boolean | undefined> {
  try {
    return await settings.isEnabled();
  } catch (e) {
    logger.warn('Could not read whether notifications are allowed: ' + (e as Error).message);
    return undefined;
  }
}

/**
 * Asks the user to allow notifications unless they already are; the answer, or `undefined` when it cannot
 * be known. Never throws: an app that cannot ask still registers for push.
 */
export async function requestNotificationPermission(settings: NotificationSettings, logger: Logger): Promise<boolean | undefined> {
  if (await readNotificationSwitch(settings, logger) === true) {
    return true;
  }
  try {
    await settings.requestEnable();
    logger.info('The user allowed notifications.');
    return true;
  } catch (e) {
    if (e instanceof NotificationsDeniedError) {
      logger.info('Notifications are not allowed: ' + e.message);
      return false;
    }
    logger.warn('Could not ask the user to allow notifications: ' + (e as Error).message);
  }
  return readNotificationSwitch(settings, logger);
}
