import { z } from 'zod';
import {
  InvalidTokenReason,
  NotificationCategory,
  NotificationStyle,
  PriorityScene,
  PushKitCode,
  type AlertPayload,
  type Badge,
  type Notification
} from '@harmony-push/shared';
import { implementsContract } from '../contract';
import { BADGE_ONLY_FIELDS, pushKitObject } from '../pushkit/spec-choices';
import { notificationClickAction } from './click-action';
import { INT32_MAX, httpsUrl, intIn, maxChars } from './fields';
import { evenWithOtherIssues, fail, outcome } from './issues';

export const badge = implementsContract<Badge>()(
  pushKitObject({ addNum: intIn(1, 99).optional(), setNum: intIn(0, 99).optional() })
);

/** 1..64 characters: letters, digits, + / = - _ and whitespace. */
const APP_MESSAGE_ID = /^[A-Za-z0-9+/=_\s-]{1,64}$/;

/** A badge without title and body is a badge-only update (push-send-badge: category "无需携带", so it may be there). */
export const isBadgeOnly = (notification: Notification): boolean =>
  notification.badge !== undefined && notification.title === undefined && notification.body === undefined;

function badgeOnlyRules(notification: Notification, ctx: z.RefinementCtx): void {
  for (const field of Object.keys(notification)) {
    if (!BADGE_ONLY_FIELDS.includes(field)) fail(ctx, [field], 'a badge-only update carries nothing but badge (and category)');
  }
}

function displayRules(notification: Notification, ctx: z.RefinementCtx): void {
  for (const field of ['category', 'title', 'body', 'clickAction'] as const) {
    if (notification[field] === undefined) fail(ctx, [field], 'is required');
  }
  if (notification.style === NotificationStyle.BIG_TEXT) {
    if (notification.bigTitle === undefined) fail(ctx, ['bigTitle'], 'is required with style 1');
    if (notification.bigBody === undefined) fail(ctx, ['bigBody'], 'is required with style 1');
  }
  if (notification.style === NotificationStyle.INBOX && notification.inboxContent === undefined) {
    fail(ctx, ['inboxContent'], 'is required with style 3');
  }
}

/** The Notification of push-types 0 and 2. */
export const notification = implementsContract<Notification>()(
  pushKitObject({
    category: z.enum(NotificationCategory).optional(),
    title: z.string().optional(),
    body: z.string().optional(),
    image: httpsUrl.optional(),
    overlayIcon: httpsUrl.optional(),
    style: z.enum(NotificationStyle).optional(),
    bigTitle: z.string().optional(),
    bigBody: z.string().optional(),
    notifyId: intIn(-1, INT32_MAX).optional(),
    appMessageId: z
      .string()
      .regex(APP_MESSAGE_ID, 'must be 1 to 64 letters, digits, whitespace or + / = - _')
      .optional(),
    profileId: maxChars(64).optional(),
    inboxContent: z
      .array(maxChars(1024))
      .min(1, 'must have 1 to 3 lines')
      .max(3, 'must have 1 to 3 lines')
      .optional(),
    clickAction: notificationClickAction.optional(),
    badge: badge.optional(),
    sound: z.string().min(1, 'must not be empty').optional(),
    soundDuration: intIn(1, 60).optional(),
    foregroundShow: z.boolean().optional(),
    priorityScene: z.enum(PriorityScene).optional()
  }).superRefine(
    (value, ctx) => (isBadgeOnly(value) ? badgeOnlyRules(value, ctx) : displayRules(value, ctx)),
    evenWithOtherIssues
  )
);

/** Push-type 0. A PLAY_VOICE notification is accepted by Push Kit, then refused for every token. */
export const alertPayload = implementsContract<AlertPayload>()(
  pushKitObject({ notification }).superRefine((payload, ctx) => {
    if (payload.notification?.category === NotificationCategory.PLAY_VOICE) {
      fail(
        ctx,
        ['notification', 'category'],
        'PLAY_VOICE is only sent with push-type 2 (voice broadcast)',
        outcome(PushKitCode.ALL_TOKENS_INVALID, InvalidTokenReason.NOT_SUPPORT_PLAY_VOICE)
      );
    }
  }, evenWithOtherIssues)
);
