/*
 * Declarations of the @kit modules the app uses, holding only the members it uses. Written from the
 * official SDK declarations (openharmony/interface_sdk-js: @ohos.net.http, @ohos.data.preferences,
 * @ohos.deviceInfo, @ohos.base, @ohos.app.ability.*) and the Push Kit API reference (its .d.ts is not
 * public). Signatures stay as narrow as the originals so code that type-checks here compiles there.
 */

declare module '@kit.BasicServicesKit' {
  /** @ohos.base BusinessError<T = void> */
  export interface BusinessError extends Error {
    code: number;
  }

  /** @ohos.deviceInfo */
  export namespace deviceInfo {
    /** 'phone' | 'tablet' | '2in1' | 'tv' | 'wearable' | 'car' | 'default' */
    const deviceType: string;
    const sdkApiVersion: number;
  }
}

declare module '@kit.AbilityKit' {
  import { window } from '@kit.ArkUI';

  export namespace common {
    /** @ohos.app.ability.common Context (application/ability context base class) */
    interface Context {
      readonly filesDir: string;
    }
    interface UIAbilityContext extends Context {}
  }

  /** @ohos.app.ability.Want */
  export interface Want {
    bundleName?: string;
    abilityName?: string;
    parameters?: Record<string, Object>;
  }

  /** @ohos.app.ability.AbilityConstant */
  export namespace AbilityConstant {
    interface LaunchParam {}
  }

  /** @ohos.app.ability.UIAbility */
  export class UIAbility {
    context: common.UIAbilityContext;
    onCreate(want: Want, launchParam: AbilityConstant.LaunchParam): void;
    onNewWant(want: Want, launchParam: AbilityConstant.LaunchParam): void;
    onWindowStageCreate(windowStage: window.WindowStage): void;
    onDestroy(): void | Promise<void>;
  }
}

declare module '@kit.ArkUI' {
  import { BusinessError } from '@kit.BasicServicesKit';

  /** @ohos.window */
  export namespace window {
    interface WindowStage {
      loadContent(path: string, callback: (err: BusinessError) => void): void;
    }
  }
}

declare module '@kit.PushKit' {
  import { UIAbility } from '@kit.AbilityKit';

  /** @hms.core.push.pushCommon */
  export namespace pushCommon {
    interface PushPayload {
      type: string;
      /** JSON text */
      data: string;
    }
  }

  /** @hms.core.push.pushService */
  export namespace pushService {
    function getToken(): Promise<string>;
    function deleteToken(): Promise<void>;
    function receiveMessage(pushType: string, ability: UIAbility, onMessage: (payload: pushCommon.PushPayload) => void): void;
    function on(type: 'tokenUpdate', callback: (token: string) => void): void;
    function off(type: 'tokenUpdate', callback?: (token: string) => void): void;
  }
}

declare module '@kit.NetworkKit' {
  /** @ohos.net.http */
  export namespace http {
    enum RequestMethod {
      POST = 'POST',
      DELETE = 'DELETE'
    }
    enum HttpDataType {
      STRING = 0
    }
    enum ResponseCode {
      OK = 200
    }
    interface HttpRequestOptions {
      method?: RequestMethod;
      extraData?: string | Object | ArrayBuffer;
      header?: Object;
      expectDataType?: HttpDataType;
      connectTimeout?: number;
      readTimeout?: number;
    }
    interface HttpResponse {
      result: string | Object | ArrayBuffer;
      responseCode: ResponseCode | number;
      header: Object;
    }
    interface HttpRequest {
      request(url: string, options?: HttpRequestOptions): Promise<HttpResponse>;
      destroy(): void;
    }
    function createHttp(): HttpRequest;
  }
}

declare module '@kit.ArkData' {
  import { common } from '@kit.AbilityKit';

  /** @ohos.data.preferences */
  export namespace preferences {
    type ValueType = number | string | boolean | Array<number> | Array<string> | Array<boolean> | Uint8Array | object | bigint;
    interface Preferences {
      get(key: string, defValue: ValueType): Promise<ValueType>;
      put(key: string, value: ValueType): Promise<void>;
      flush(): Promise<void>;
    }
    function getPreferences(context: common.Context, name: string): Promise<Preferences>;
  }
}

declare module '@kit.PerformanceAnalysisKit' {
  /** @ohos.hilog */
  export namespace hilog {
    function info(domain: number, tag: string, format: string, ...args: Object[]): void;
    function warn(domain: number, tag: string, format: string, ...args: Object[]): void;
    function error(domain: number, tag: string, format: string, ...args: Object[]): void;
  }
}

declare module '@kit.TestKit' {
  import { common } from '@kit.AbilityKit';

  /** @ohos.app.ability.abilityDelegatorRegistry */
  export namespace abilityDelegatorRegistry {
    interface ShellCmdResult {
      stdResult: string;
      exitCode: number;
    }
    interface AbilityDelegator {
      getAppContext(): common.Context;
      executeShellCommand(cmd: string): Promise<ShellCmdResult>;
    }
    interface AbilityDelegatorArgs {
      bundleName: string;
      parameters: Record<string, string>;
      testCaseNames: string;
      testRunnerClassName: string;
    }
    function getAbilityDelegator(): AbilityDelegator;
    function getArguments(): AbilityDelegatorArgs;
  }

  /** @ohos.application.testRunner */
  export interface TestRunner {
    onPrepare(): void;
    onRun(): void;
  }
}
