/*
 * @kit.NotificationKit, holding only the members the app uses, with their
 * @throws tags. Mirrors, member by member, openharmony/
 * interface_sdk-js api/@ohos.notificationManager.d.ts as kits/@kit.NotificationKit.d.ts re-exports it. Written by
 * hand; @since is the earliest of the SDK's repeated doc blocks.
 */
declare module '@kit.NotificationKit' {
  import { common } from '@kit.AbilityKit';

  /**
   * @since 9
   */
  export namespace notificationManager {
    /**
     * A system API at 9, open to apps since 11.
     * @throws { BusinessError } 1600001 - Internal error.
     * @throws { BusinessError } 1600002 - Marshalling or unmarshalling error.
     * @throws { BusinessError } 1600003 - Failed to connect to the service.
     * @throws { BusinessError } 1600008 - The user does not exist.
     * @throws { BusinessError } 17700001 - The specified bundle name was not found.
     * @since 9
     */
    function isNotificationEnabled(): Promise<boolean>;
    /**
     * Only once the window's content is loaded. 1600004: the user did not allow notifications;
     * 1600013: the dialog is already showing.
     * @throws { BusinessError } 401 - Parameter error.
     * @throws { BusinessError } 1600001 - Internal error.
     * @throws { BusinessError } 1600002 - Marshalling or unmarshalling error.
     * @throws { BusinessError } 1600003 - Failed to connect to the service.
     * @throws { BusinessError } 1600004 - Notification disabled.
     * @throws { BusinessError } 1600013 - A notification dialog box is already displayed.
     * @since 10
     */
    function requestEnableNotification(context: common.UIAbilityContext): Promise<void>;
  }
}
