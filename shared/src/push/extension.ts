import { Notification } from './alert';

/** Push-type 2: a voice-broadcast notification handled by the app's RemoteNotificationExtensionAbility. */
export interface ExtensionPayload {
  /** category must be PLAY_VOICE. */
  notification: Notification;
  extraData: string;
}
