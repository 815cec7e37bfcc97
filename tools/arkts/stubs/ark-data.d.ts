/*
 * @kit.ArkData, holding only the members the app uses, with their
 * @throws tags. Mirrors, member by member, openharmony/interface_sdk-js
 * api/@ohos.data.preferences.d.ts as kits/@kit.ArkData.d.ts re-exports it. Written by hand; @since is the
 * earliest of the SDK's repeated doc blocks. One deliberate narrowing: getPreferences takes the SDK's BaseContext,
 * which @kit.AbilityKit does not export; common.Context (a BaseContext) stands in for it.
 */
declare module '@kit.ArkData' {
  import { common } from '@kit.AbilityKit';

  /**
   * @since 9
   */
  export namespace preferences {
    /**
     * number, string, boolean and their arrays since 9, Uint8Array since 11, object and bigint since 12.
     * @since 9
     */
    type ValueType = number | string | boolean | Array<number> | Array<string> | Array<boolean> | Uint8Array | object | bigint;

    /**
     * @since 9
     */
    interface Preferences {
      /**
       * @throws { BusinessError } 401 - Parameter error.
       * @throws { BusinessError } 15500000 - Inner error.
       * @since 9
       */
      get(key: string, defValue: ValueType): Promise<ValueType>;
      /**
       * @throws { BusinessError } 401 - Parameter error.
       * @throws { BusinessError } 15500000 - Inner error.
       * @since 9
       */
      put(key: string, value: ValueType): Promise<void>;
      /**
       * @throws { BusinessError } 15500000 - Inner error.
       * @since 9
       */
      flush(): Promise<void>;
    }

    /**
     * @throws { BusinessError } 401 - Parameter error.
     * @throws { BusinessError } 15500000 - Inner error.
     * @since 9
     */
    function getPreferences(context: common.Context, name: string): Promise<Preferences>;
  }
}
