import { NotificationCategory, PushType, type Notification, type SendWarning } from '@harmony-push/shared';
import { isBadgeOnly } from './alert';

/**
 * MARKETING notifications shown per device per app per natural day; the rest are dropped silently with receipt 256
 * (push-apply-right, 通知消息推送数量管理规则; push-msg-freq-control, 场景化消息频控).
 */
export const MARKETING_PER_DEVICE_PER_DAY = 2;
/** The same for news apps licensed for Internet news (新闻阅读/新闻). */
export const MARKETING_PER_DEVICE_PER_DAY_NEWS = 5;

const PATH = 'payload.notification.category';
const LIMITS =
  `at most ${MARKETING_PER_DEVICE_PER_DAY} are shown per device per day (${MARKETING_PER_DEVICE_PER_DAY_NEWS} for licensed news apps); ` +
  'the rest are dropped silently with receipt 256 (push-apply-right, push-msg-freq-control)';

/**
 * Huawei shows an alert (push-type 0) as MARKETING unless the app holds the self-classification right for its
 * category (push-apply-right; push-msg-freq-control: "若未开通消息自分类权益，则推送的通知消息默认为资讯营销类消息"), and
 * MARKETING notifications are capped per device. Without the right every alert is warned about; with it, those whose
 * category is MARKETING. A badge-only update shows no notification; voice broadcasts (push-type 2) have their own right.
 */
export function marketingWarnings(message: { pushType: PushType; payload: unknown }, selfClassification: boolean): SendWarning[] {
  if (message.pushType !== PushType.ALERT) return [];
  const notification = (message.payload as { notification: Notification }).notification;
  if (isBadgeOnly(notification)) return [];
  if (!selfClassification) {
    return [
      {
        path: PATH,
        message:
          'the app does not declare the self-classification right (PUSHKIT_SELF_CLASSIFICATION), so Huawei treats this ' +
          `notification as MARKETING whatever its category: ${LIMITS}`
      }
    ];
  }
  if (notification.category !== NotificationCategory.MARKETING) return [];
  return [{ path: PATH, message: `a MARKETING notification: ${LIMITS}` }];
}
