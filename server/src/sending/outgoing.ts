import { PushType, type Notification, type SendRequest, type SendWarning } from '@harmony-push/shared';
import { dropIneffectiveFields } from '../push-types';
import { isBadgeOnly } from '../push-types/alert';
import { INT32_MAX } from '../push-types/fields';
import type { OutgoingMessage } from '../pushkit/sender';

/** Stands for a send id (a UUID) where the size of a message is checked before its send has one. */
export const SEND_ID_PLACEHOLDER = '00000000-0000-4000-8000-000000000000';
/** Stands for the notifyId the server will assign: the longest one. */
export const NOTIFY_ID_PLACEHOLDER = INT32_MAX;

/** The notification of an alert or voice broadcast that can carry ids (a badge-only update cannot). */
function notificationOf(request: Pick<SendRequest, 'pushType' | 'payload'>): Notification | undefined {
  if (request.pushType !== PushType.ALERT && request.pushType !== PushType.EXTENSION) return undefined;
  const notification = (request.payload as { notification: Notification }).notification;
  return isBadgeOnly(notification) ? undefined : notification;
}

/** Whether the server gives this send a notifyId: an alert or voice broadcast whose caller set none. */
export function takesNotifyId(request: Pick<SendRequest, 'pushType' | 'payload'>): boolean {
  const notification = notificationOf(request);
  return notification !== undefined && notification.notifyId === undefined;
}

/** The notifyId a message carries that revoke can name (-1 lets Push Kit pick one, which nobody learns). */
export function revocableNotifyId(message: Pick<SendRequest, 'pushType' | 'payload'>): number | undefined {
  const notifyId = notificationOf(message)?.notifyId;
  return notifyId !== undefined && notifyId >= 0 ? notifyId : undefined;
}

/**
 * The message as it is sent for send `sendId`:
 * - fields without effect are dropped, each with a warning;
 * - every request carries the send id as `pushOptions.biTag` unless the caller set one, so a receipt for a batch
 *   whose answer never arrived still finds its send (push-api-msg-receipt returns biTag);
 * - a send to `target.testDevices` is a test message (`pushOptions.testMessage`, push-scenariozed-api-request-param);
 * - alerts and voice broadcasts carry the send id as `appMessageId` unless the caller set one, so a device drops a
 *   copy that a retry or a re-run batch sent again (push-scenariozed-api-request-param, Notification.appMessageId),
 *   and `notifyId` (assigned by the server when the caller set none), so that push-msg-revoke can take them back.
 *   A badge-only update can carry neither (push-send-badge).
 */
export function outgoing(request: SendRequest, sendId: string, notifyId?: number): { message: OutgoingMessage; warnings: SendWarning[] } {
  const { target: _target, ...given } = request;
  const { message: kept, warnings } = dropIneffectiveFields(given);
  const pushOptions = {
    ...kept.pushOptions,
    ...(request.target.testDevices === true ? { testMessage: true } : {}),
    biTag: kept.pushOptions?.biTag ?? sendId
  };
  let payload = kept.payload;
  const notification = notificationOf(kept);
  if (notification) {
    const ids = {
      ...(notification.appMessageId === undefined ? { appMessageId: sendId } : {}),
      ...(notification.notifyId === undefined && notifyId !== undefined ? { notifyId } : {})
    };
    payload = { ...payload, notification: { ...notification, ...ids } } as typeof payload;
  }
  return { message: { ...kept, payload, pushOptions } as OutgoingMessage, warnings };
}
