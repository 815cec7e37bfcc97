/*
 * @kit.AbilityKit, holding only the members the app uses. Mirrors, member by member, the SDK declarations of
 * openharmony/interface_sdk-js: api/@ohos.app.ability.Ability.d.ts, api/@ohos.app.ability.UIAbility.d.ts,
 * api/@ohos.app.ability.Want.d.ts, api/@ohos.app.ability.AbilityConstant.d.ts, api/@ohos.app.ability.common.d.ts
 * (with api/application/Context.d.ts and api/application/UIAbilityContext.d.ts), api/@ohos.bundle.bundleManager.d.ts
 * (with api/bundleManager/BundleInfo.d.ts), as kits/@kit.AbilityKit.d.ts re-exports them. Written by hand;
 * @since is the earliest of the SDK's repeated doc blocks.
 */
declare module '@kit.AbilityKit' {
  import { window } from '@kit.ArkUI';

  /**
   * @since 9
   */
  export namespace common {
    /**
     * application/Context.d.ts (extends BaseContext, whose members the app does not use)
     * @since 9
     */
    class Context {
      /**
       * @since 9
       */
      filesDir: string;
    }

    /**
     * application/UIAbilityContext.d.ts
     * @since 9
     */
    class UIAbilityContext extends Context {}
  }

  /**
   * @since 9
   */
  export class Want {
    /**
     * @since 9
     */
    bundleName?: string;
    /**
     * @since 9
     */
    abilityName?: string;
    /**
     * @since 9
     */
    parameters?: Record<string, Object>;
  }

  /**
   * @since 9
   */
  export namespace AbilityConstant {
    /**
     * Only passed through by the app: none of its members is used.
     * @since 9
     */
    interface LaunchParam {}
  }

  /**
   * @since 9
   */
  export class Ability {}

  /**
   * @since 9
   */
  export class UIAbility extends Ability {
    /**
     * @since 9
     */
    context: common.UIAbilityContext;
    /**
     * @since 9
     */
    onCreate(want: Want, launchParam: AbilityConstant.LaunchParam): void;
    /**
     * @since 9
     */
    onWindowStageCreate(windowStage: window.WindowStage): void;
    /**
     * @since 9
     */
    onNewWant(want: Want, launchParam: AbilityConstant.LaunchParam): void;
    /**
     * @since 9
     */
    onDestroy(): void | Promise<void>;
  }

  /**
   * @since 9
   */
  export namespace bundleManager {
    /**
     * @since 9
     */
    enum BundleFlag {
      /**
       * @since 9
       */
      GET_BUNDLE_INFO_DEFAULT = 0x00000000
    }

    /**
     * bundleManager/BundleInfo.d.ts (a type alias of it in the SDK namespace)
     * @since 9
     */
    interface BundleInfo {
      /**
       * @since 9
       */
      readonly versionName: string;
    }

    /**
     * @since 9
     */
    function getBundleInfoForSelf(bundleFlags: number): Promise<BundleInfo>;
  }
}
