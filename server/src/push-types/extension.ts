import { z } from 'zod';
import { NotificationCategory, type ExtensionPayload } from '@harmony-push/shared';
import { implementsContract } from '../contract';
import { pushKitObject } from '../pushkit/spec-choices';
import { notification } from './alert';
import { evenWithOtherIssues, fail } from './issues';

/** Push-type 2: a PLAY_VOICE notification plus the data for the RemoteNotificationExtensionAbility. */
export const extensionPayload = implementsContract<ExtensionPayload>()(
  pushKitObject({ notification, extraData: z.string() }).superRefine((payload, ctx) => {
    // A missing or malformed notification is reported by its own schema, not as a wrong category as well.
    const shown: unknown = payload.notification;
    if (typeof shown !== 'object' || shown === null) return;
    if ((shown as { category?: unknown }).category !== NotificationCategory.PLAY_VOICE) {
      fail(ctx, ['notification', 'category'], 'must be PLAY_VOICE for push-type 2');
    }
  }, evenWithOtherIssues)
);
