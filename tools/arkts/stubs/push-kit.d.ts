/*
 * @kit.PushKit, holding only the members the app uses, with their
 * @throws tags (ohos-typescript warns, as DevEco does, about a call to a throwing SDK function outside try/catch). Mirrors, member by member, Huawei's SDK declarations
 * @hms.core.push.pushService.d.ts and @hms.core.push.pushCommon.d.ts (the HarmonyOS part of the SDK, not in
 * interface_sdk-js). Written by hand; @since is the earliest of the SDK's repeated doc blocks. As in the SDK,
 * on/off are not marked `export`: members of an ambient namespace are exported all the same.
 */
declare module '@kit.PushKit' {
  import { Ability } from '@kit.AbilityKit';
  import { AsyncCallback, Callback } from '@kit.BasicServicesKit';

  /**
   * @since 4.0.0(10)
   */
  export namespace pushCommon {
    /**
     * @since 4.0.0(10)
     */
    export interface PushPayload {
      /**
       * @since 4.0.0(10)
       */
      type: string;
      /**
       * JSON text.
       * @since 4.0.0(10)
       */
      data: string;
    }
  }

  /**
   * @since 4.0.0(10)
   */
  export namespace pushService {
    /**
     * @throws { BusinessError } 401 - Parameter error.
     * @throws { BusinessError } 1000900001 - System internal error.
     * @throws { BusinessError } 1000900008 - Failed to connect to the push service.
     * @throws { BusinessError } 1000900009 - Internal error of the push service.
     * @throws { BusinessError } 1000900010 - Illegal application identity.
     * @throws { BusinessError } 1000900011 - The network is unavailable.
     * @throws { BusinessError } 1000900012 - Push rights are not activated.
     * @throws { BusinessError } 1000900013 - Cross-location application is not allowed to obtain the token.
     * @throws { BusinessError } 1000900014 - The device does not support getting token.
     * @since 4.0.0(10)
     */
    export function getToken(callback: AsyncCallback<string>): void;
    /**
     * @throws { BusinessError } 1000900001 - System internal error.
     * @throws { BusinessError } 1000900008 - Failed to connect to the push service.
     * @throws { BusinessError } 1000900009 - Internal error of the push service.
     * @throws { BusinessError } 1000900010 - Illegal application identity.
     * @throws { BusinessError } 1000900011 - The network is unavailable.
     * @throws { BusinessError } 1000900012 - Push rights are not activated.
     * @throws { BusinessError } 1000900013 - Cross-location application is not allowed to obtain the token.
     * @throws { BusinessError } 1000900014 - The device does not support getting token.
     * @since 4.0.0(10)
     */
    export function getToken(): Promise<string>;
    /**
     * @throws { BusinessError } 401 - Parameter error.
     * @throws { BusinessError } 1000900001 - System internal error.
     * @throws { BusinessError } 1000900008 - Failed to connect to the push service.
     * @throws { BusinessError } 1000900009 - Internal error of the push service.
     * @throws { BusinessError } 1000900010 - Illegal application identity.
     * @throws { BusinessError } 1000900011 - The network is unavailable.
     * @since 4.0.0(10)
     */
    export function deleteToken(callback: AsyncCallback<void>): void;
    /**
     * @throws { BusinessError } 1000900001 - System internal error.
     * @throws { BusinessError } 1000900008 - Failed to connect to the push service.
     * @throws { BusinessError } 1000900009 - Internal error of the push service.
     * @throws { BusinessError } 1000900010 - Illegal application identity.
     * @throws { BusinessError } 1000900011 - The network is unavailable.
     * @since 4.0.0(10)
     */
    export function deleteToken(): Promise<void>;
    /**
     * The literal union until 5.0.2(14), this named type since.
     * @since 5.0.2(14)
     */
    export type PushType = 'DEFAULT' | 'IM' | 'VoIP' | 'BACKGROUND' | 'EMERGENCY';
    /**
     * The SDK's three doc blocks, kept because the values of pushType grew: the API-level check reads which block
     * first allows a literal argument.
     * @param { 'IM' | 'VoIP' | 'BACKGROUND' } pushType
     * @throws { BusinessError } 401 - Parameter error.
     * @throws { BusinessError } 1000900001 - System internal error.
     * @throws { BusinessError } 1000900005 - Messages of the same push type cannot be received repeatedly.
     * @since 4.0.0(10)
     */
    /**
     * @param { 'IM' | 'VoIP' | 'BACKGROUND' | 'EMERGENCY' } pushType
     * @since 5.0.0(12)
     */
    /**
     * @param { PushType } pushType
     * @since 5.0.2(14)
     */
    export function receiveMessage(pushType: PushType, ability: Ability, onMessage: Callback<pushCommon.PushPayload>): void;
    /**
     * @throws { BusinessError } 401 - Parameter error.
     * @throws { BusinessError } 1000900001 - System internal error.
     * @since 5.1.0(18)
     */
    function on(type: 'tokenUpdate', ability: Ability, callback: Callback<string>): void;
    /**
     * @throws { BusinessError } 401 - Parameter error.
     * @throws { BusinessError } 1000900001 - System internal error.
     * @since 5.1.0(18)
     */
    function off(type: 'tokenUpdate', callback?: Callback<string>): void;
  }
}
