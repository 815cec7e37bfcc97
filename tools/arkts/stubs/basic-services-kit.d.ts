/*
 * @kit.BasicServicesKit, holding only the members the app uses. Mirrors, member by member, the SDK
 * declarations of openharmony/interface_sdk-js: api/@ohos.base.d.ts (BusinessError, Callback,
 * AsyncCallback) and api/@ohos.deviceInfo.d.ts (deviceInfo), as kits/@kit.BasicServicesKit.d.ts re-exports
 * them. Written by hand; @since is the earliest of the SDK's repeated doc blocks.
 */
declare module '@kit.BasicServicesKit' {
  /**
   * @since 6
   */
  export interface Callback<T> {
    /**
     * @since 6
     */
    (data: T): void;
  }

  /**
   * @since 6
   */
  export interface AsyncCallback<T, E = void> {
    /**
     * @since 6
     */
    (err: BusinessError<E>, data: T): void;
  }

  /**
   * @since 6
   */
  export interface BusinessError<T = void> extends Error {
    /**
     * @since 6
     */
    code: number;
    /**
     * @since 9
     */
    data?: T;
  }

  /**
   * @since 6
   */
  export namespace deviceInfo {
    /**
     * 'phone' | 'tablet' | '2in1' | 'tv' | 'wearable' | 'car' | 'default' (and 'liteWearable', 'smartVision')
     * @since 6
     */
    const deviceType: string;
    /**
     * @since 6
     */
    const sdkApiVersion: number;
  }
}
