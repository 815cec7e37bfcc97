/*
 * @kit.TestKit, holding only the members the test harness uses. Mirrors, member by member,
 * openharmony/interface_sdk-js api/@ohos.app.ability.abilityDelegatorRegistry.d.ts (with
 * api/application/AbilityDelegator.d.ts, abilityDelegatorArgs.d.ts, shellCmdResult.d.ts) and
 * api/@ohos.application.testRunner.d.ts, as kits/@kit.TestKit.d.ts re-exports them. Written by hand; @since is
 * the earliest of the SDK's repeated doc blocks (the registry's type aliases are 9, the application/ members they
 * alias often 8).
 */
declare module '@kit.TestKit' {
  import { common } from '@kit.AbilityKit';

  /**
   * @since 9
   */
  export namespace abilityDelegatorRegistry {
    /**
     * @since 8
     */
    interface ShellCmdResult {
      /**
       * @since 8
       */
      stdResult: string;
      /**
       * @since 8
       */
      exitCode: number;
    }

    /**
     * @since 9
     */
    interface AbilityDelegator {
      /**
       * @since 9
       */
      getAppContext(): common.Context;
      /**
       * @since 8
       */
      executeShellCommand(cmd: string, timeoutSecs?: number): Promise<ShellCmdResult>;
    }

    /**
     * @since 9
     */
    interface AbilityDelegatorArgs {
      /**
       * @since 8
       */
      bundleName: string;
      /**
       * @since 8
       */
      parameters: Record<string, string>;
      /**
       * @since 8
       */
      testCaseNames: string;
      /**
       * @since 8
       */
      testRunnerClassName: string;
    }

    /**
     * @since 9
     */
    function getAbilityDelegator(): AbilityDelegator;
    /**
     * @since 9
     */
    function getArguments(): AbilityDelegatorArgs;
  }

  /**
   * @since 8
   */
  export interface TestRunner {
    /**
     * @since 8
     */
    onPrepare(): void;
    /**
     * @since 8
     */
    onRun(): void;
  }
}
