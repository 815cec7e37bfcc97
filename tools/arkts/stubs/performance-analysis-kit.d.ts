/*
 * @kit.PerformanceAnalysisKit, holding only the members the app uses. Mirrors, member by member,
 * openharmony/interface_sdk-js api/@ohos.hilog.d.ts as kits/@kit.PerformanceAnalysisKit.d.ts re-exports it.
 * Written by hand; @since is the earliest of the SDK's repeated doc blocks.
 */
declare module '@kit.PerformanceAnalysisKit' {
  /**
   * @since 7
   */
  export namespace hilog {
    /**
     * @since 7
     */
    function info(domain: number, tag: string, format: string, ...args: any[]): void;
    /**
     * @since 7
     */
    function warn(domain: number, tag: string, format: string, ...args: any[]): void;
    /**
     * @since 7
     */
    function error(domain: number, tag: string, format: string, ...args: any[]): void;
  }
}
