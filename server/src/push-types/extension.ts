import { z } from 'zod';
import { NotificationCategory, type ExtensionPayload } from '@harmony-push/shared';
import { implementsContract } from '../contract';
import { pushKitObject } from '../pushkit/spec-choices';
import { notification } from './alert';
import { isObject } from './fields';
import { evenWithOtherIssues, fail } from './issues';

/** Push-type 2: a PLAY_VOICE notification plus the data for the RemoteNotificationExtensionAbility. */
export const extensionPayload = implementsContract<ExtensionPayload>()(
  pushKitObject({ notification, extraData: z.string() }).superRefine((payload, ctx) => {
    // A missing or malformed notification is reported by its own schema, not as a wrong category as well.
    const shown = payload.notification as { category?: unknown } | null | undefined;
    if (!isObject(shown)) return;
    if (shown.category !== NotificationCategory.PLAY_VOICE) {
      fail(ctx, ['notification', 'category'], 'must be PLAY_VOICE for push-type 2');
    }
  }, evenWithOtherIssues)
);
