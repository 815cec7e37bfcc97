import { PushType, type SendWarning } from '@harmony-push/shared';
import { dropIneffectiveFields } from '../push-types';
import { isBadgeOnly } from '../push-types/alert';
import type { OutgoingMessage } from '../pushkit/sender';

/** Stands for a send id (a UUID) where the size of a message is checked before its send has one. */
export const SEND_ID_PLACEHOLDER = '00000000-0000-4000-8000-000000000000';

/**
 * The message as it is sent for send `sendId`:
 * - fields without effect are dropped, each with a warning;
 * - every request carries the send id as `pushOptions.biTag` unless the caller set one, so a receipt for a batch
 *   whose answer never arrived still finds its send (push-api-msg-receipt returns biTag);
 * - alerts and voice broadcasts carry the send id as `appMessageId` unless the caller set one, so a device drops a
 *   copy that a retry or a re-run batch sent again (push-scenariozed-api-request-param, Notification.appMessageId).
 *   A badge-only update cannot carry one (push-send-badge).
 */
export function outgoing(message: OutgoingMessage, sendId: string): { message: OutgoingMessage; warnings: SendWarning[] } {
  const { message: kept, warnings } = dropIneffectiveFields(message);
  const pushOptions = { ...kept.pushOptions, biTag: kept.pushOptions?.biTag ?? sendId };
  let payload = kept.payload;
  if (kept.pushType === PushType.ALERT || kept.pushType === PushType.EXTENSION) {
    const notification = (payload as { notification: NonNullable<Parameters<typeof isBadgeOnly>[0]> }).notification;
    if (notification.appMessageId === undefined && !isBadgeOnly(notification)) {
      payload = { ...payload, notification: { ...notification, appMessageId: sendId } } as typeof payload;
    }
  }
  return { message: { ...kept, payload, pushOptions } as OutgoingMessage, warnings };
}
