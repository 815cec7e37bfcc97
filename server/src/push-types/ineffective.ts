import { NotificationCategory, PushType, type Notification, type PushOptions, type SendWarning } from '@harmony-push/shared';

/** A valid message of one push-type, as /send takes it apart from its target. */
interface Message {
  pushType: PushType;
  payload: unknown;
  pushOptions?: PushOptions;
}

/** Push-types whose pushOptions.collapseKey works: "只对push-type为0或2的消息生效" (push-scenariozed-api-request-param). */
const COLLAPSE_KEY_PUSH_TYPES: PushType[] = [PushType.ALERT, PushType.EXTENSION];
/** backgroundMode belongs to background messages (push-scenariozed-api-request-param, pushOptions.backgroundMode). */
const BACKGROUND_MODE_PUSH_TYPES: PushType[] = [PushType.BACKGROUND];
/** overlayIcon is shown for these categories only (push-scenariozed-api-request-param, Notification.overlayIcon). */
const OVERLAY_ICON_CATEGORIES: (NotificationCategory | undefined)[] = [
  NotificationCategory.IM,
  NotificationCategory.VOIP,
  NotificationCategory.MISS_CALL
];

/**
 * Fields Huawei documents as having no effect where they were given are dropped with a warning instead of refused:
 * Push Kit ignores them, so refusing would block a message that works. Returns the message to send (a copy when
 * something was dropped) and one warning per dropped field.
 */
export function dropIneffectiveFields<M extends Message>(message: M): { message: M; warnings: SendWarning[] } {
  const warnings: SendWarning[] = [];
  let pushOptions = message.pushOptions;
  const dropOption = (field: 'collapseKey' | 'backgroundMode', why: string) => {
    if (pushOptions?.[field] === undefined) return;
    const { [field]: _dropped, ...rest } = pushOptions;
    pushOptions = rest;
    warnings.push({ path: `pushOptions.${field}`, message: why });
  };
  if (!COLLAPSE_KEY_PUSH_TYPES.includes(message.pushType)) dropOption('collapseKey', 'has no effect outside push-types 0 and 2: not sent');
  if (!BACKGROUND_MODE_PUSH_TYPES.includes(message.pushType)) dropOption('backgroundMode', 'has no effect outside push-type 6: not sent');

  let payload = message.payload;
  const notification = (payload as { notification?: Notification }).notification;
  if ((message.pushType === PushType.ALERT || message.pushType === PushType.EXTENSION) && notification) {
    let kept: Notification = notification;
    if (kept.soundDuration !== undefined && kept.sound === undefined) {
      const { soundDuration: _dropped, ...rest } = kept;
      kept = rest;
      warnings.push({ path: 'payload.notification.soundDuration', message: 'takes effect only with sound: not sent' });
    }
    if (kept.overlayIcon !== undefined && !OVERLAY_ICON_CATEGORIES.includes(kept.category)) {
      const { overlayIcon: _dropped, ...rest } = kept;
      kept = rest;
      warnings.push({ path: 'payload.notification.overlayIcon', message: 'is shown only for category IM, VOIP or MISS_CALL: not sent' });
    }
    if (kept !== notification) payload = { ...(payload as object), notification: kept };
  }
  if (warnings.length === 0) return { message, warnings };
  const result = { ...message, payload };
  if (pushOptions === undefined || Object.keys(pushOptions).length === 0) delete result.pushOptions;
  else result.pushOptions = pushOptions;
  return { message: result, warnings };
}
