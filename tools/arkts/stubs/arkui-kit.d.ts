/*
 * @kit.ArkUI (the module, not the ArkUI globals in arkui.d.ts), holding only the members the app uses.
 * Mirrors, member by member, openharmony/interface_sdk-js api/@ohos.window.d.ts as kits/@kit.ArkUI.d.ts
 * re-exports it. Written by hand; @since is the earliest of the SDK's repeated doc blocks.
 */
declare module '@kit.ArkUI' {
  import { AsyncCallback } from '@kit.BasicServicesKit';

  /**
   * @since 6
   */
  export namespace window {
    /**
     * @since 9
     */
    interface WindowStage {
      /**
       * @since 9
       */
      loadContent(path: string, callback: AsyncCallback<void>): void;
    }
  }
}
