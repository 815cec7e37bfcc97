/*
 * @kit.AbilityKit, holding only the members the app uses. Mirrors, member by member, the SDK declarations of
 * openharmony/interface_sdk-js: api/@ohos.app.ability.Ability.d.ts, api/@ohos.app.ability.UIAbility.d.ts,
 * api/@ohos.app.ability.Want.d.ts, api/@ohos.app.ability.AbilityConstant.d.ts, api/@ohos.app.ability.Configuration.d.ts,
 * api/@ohos.app.ability.common.d.ts (with api/application/BaseContext.d.ts, api/application/Context.d.ts and
 * api/application/UIAbilityContext.d.ts), api/@ohos.bundle.bundleManager.d.ts (with api/bundleManager/BundleInfo.d.ts),
 * as kits/@kit.AbilityKit.d.ts re-exports them. Written by hand; @since is the earliest of the SDK's repeated doc
 * blocks. Each class keeps enough of its members that nothing else fits it where the SDK would refuse: a Context is
 * no UIAbilityContext, a string no Ability.
 */
declare module '@kit.AbilityKit' {
  import { window } from '@kit.ArkUI';

  /**
   * application/BaseContext.d.ts (not exported by the kit)
   * @since 8
   */
  abstract class BaseContext {
    /**
     * @since 8
     */
    stageMode: boolean;
  }

  /**
   * application/Context.d.ts, which the kit exports only as common.Context (and as Context, unused here)
   * @since 9
   */
  class ApplicationContextBase extends BaseContext {
    /**
     * @since 9
     */
    cacheDir: string;
    /**
     * @since 9
     */
    tempDir: string;
    /**
     * @since 9
     */
    filesDir: string;
    /**
     * @since 9
     */
    preferencesDir: string;
  }

  /**
   * application/UIAbilityContext.d.ts
   * @since 9
   */
  class UIAbilityContextBase extends ApplicationContextBase {
    /**
     * @since 9
     */
    terminateSelf(): Promise<void>;
  }

  /**
   * Type aliases in the SDK (`export type Context = _Context.default`): usable as types, never as values.
   * @since 9
   */
  export namespace common {
    /**
     * @since 9
     */
    type Context = ApplicationContextBase;
    /**
     * @since 9
     */
    type UIAbilityContext = UIAbilityContextBase;
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
     * Only passed through by the app; launchReason is kept so that not every object fits it (lastExitReason,
     * lastExitMessage (12), launchReasonMessage and lastExitDetailInfo (18) are left out).
     * @since 9
     */
    interface LaunchParam {
      /**
       * @since 9
       */
      launchReason: LaunchReason;
    }

    /**
     * @since 9
     */
    enum LaunchReason {
      /**
       * @since 9
       */
      UNKNOWN = 0,
      /**
       * @since 9
       */
      START_ABILITY = 1,
      /**
       * @since 9
       */
      CALL = 2,
      /**
       * @since 9
       */
      CONTINUATION = 3,
      /**
       * @since 9
       */
      APP_RECOVERY = 4,
      /**
       * @since 10
       */
      SHARE = 5,
      /**
       * @since 11
       */
      AUTO_STARTUP = 8,
      /**
       * @since 11
       */
      INSIGHT_INTENT = 9,
      /**
       * @since 12
       */
      PREPARE_CONTINUATION = 10
    }

    /**
     * @since 9
     */
    enum MemoryLevel {
      /**
       * @since 9
       */
      MEMORY_LEVEL_MODERATE = 0,
      /**
       * @since 9
       */
      MEMORY_LEVEL_LOW = 1,
      /**
       * @since 9
       */
      MEMORY_LEVEL_CRITICAL = 2
    }
  }

  /**
   * Every field optional, as in the SDK; only language is kept.
   * @since 9
   */
  export interface Configuration {
    /**
     * @since 9
     */
    language?: string;
  }

  /**
   * @since 9
   */
  export class Ability {
    /**
     * @since 9
     */
    onConfigurationUpdate(newConfig: Configuration): void;
    /**
     * @since 9
     */
    onMemoryLevel(level: AbilityConstant.MemoryLevel): void;
  }

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

  // Only what is marked `export` leaves the module, as in the SDK's kit (BaseContext and the context classes stay in).
  export {};
}
