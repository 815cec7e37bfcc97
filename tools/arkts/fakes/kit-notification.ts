// Host fake of @kit.NotificationKit: a fresh install whose user says no to the dialog (1600004), as the
// notification service answers once the user declined.
import { businessError } from './business-error';
import { UIAbility } from './kit-ability';

export const notificationManager = {
  isNotificationEnabled: async () => false,
  requestEnableNotification: async (context: unknown) => {
    if (context !== new UIAbility().context) throw businessError(401, 'Parameter error: a UIAbilityContext is required');
    throw businessError(1600004, 'Notification disabled');
  }
};
