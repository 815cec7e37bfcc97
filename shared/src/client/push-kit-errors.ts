import { ClientError } from './errors';

/**
 * `BusinessError.code` values of the Push Kit ArkTS API: the `@throws` codes of `@hms.core.push.pushService`
 * (getToken, deleteToken, receiveMessage, bindAppProfileId, on/off('tokenUpdate')) and the extension codes of
 * Huawei's Push Kit error-code reference.
 */
export enum PushKitErrorCode {
  PARAMETER_ERROR = 401,
  SYSTEM_INTERNAL_ERROR = 1000900001,
  EXTENSION_NOT_FOUND = 1000900002,
  EXTENSION_CALLBACK_FAILED = 1000900003,
  EXTENSION_CALLBACK_TIMEOUT = 1000900004,
  RECEIVE_MESSAGE_REPEATED = 1000900005,
  CONNECT_FAILED = 1000900008,
  SERVICE_INTERNAL_ERROR = 1000900009,
  ILLEGAL_APP_IDENTITY = 1000900010,
  NETWORK_UNAVAILABLE = 1000900011,
  PUSH_RIGHTS_NOT_ACTIVATED = 1000900012,
  CROSS_LOCATION_NOT_ALLOWED = 1000900013,
  TOKEN_NOT_SUPPORTED = 1000900014,
  TOO_MANY_PROFILE_BINDINGS = 1000900015,
  DISTRIBUTED_ACCOUNT_NOT_LOGGED_IN = 1000900016
}

class PushKitErrorInfo {
  readonly retryable: boolean;
  readonly hint: string;

  constructor(retryable: boolean, hint: string) {
    this.retryable = retryable;
    this.hint = hint;
  }
}

const UNKNOWN = new PushKitErrorInfo(false,
  'Unlisted Push Kit error: look the code up in the Push Kit error-code reference.');

const KNOWN: Map<number, PushKitErrorInfo> = new Map<number, PushKitErrorInfo>([
  [PushKitErrorCode.PARAMETER_ERROR, new PushKitErrorInfo(false,
    'A Push Kit call got a wrong parameter: a client bug, please report it.')],
  [PushKitErrorCode.SYSTEM_INTERNAL_ERROR, new PushKitErrorInfo(true,
    'Push Kit system error; usually transient. When it comes from on(\'tokenUpdate\'), the listener was ' +
    'registered twice: register it once per process and call off() in onDestroy.')],
  [PushKitErrorCode.EXTENSION_NOT_FOUND, new PushKitErrorInfo(false,
    'No extension ability handles this message type: declare it in module.json5 (extensionAbilities).')],
  [PushKitErrorCode.EXTENSION_CALLBACK_FAILED, new PushKitErrorInfo(false,
    'The push extension callback threw: check onReceiveMessage.')],
  [PushKitErrorCode.EXTENSION_CALLBACK_TIMEOUT, new PushKitErrorInfo(false,
    'The push extension callback took too long: return from onReceiveMessage within about 10 seconds.')],
  [PushKitErrorCode.CONNECT_FAILED, new PushKitErrorInfo(true,
    'Could not reach the Push Kit service on the device: check the network and that the device is ' +
    'signed in to a HUAWEI ID; retried automatically.')],
  [PushKitErrorCode.SERVICE_INTERNAL_ERROR, new PushKitErrorInfo(true,
    'Push Kit service internal error; retried automatically. If it persists, check that Push Kit is ' +
    'enabled for the app in AppGallery Connect.')],
  [PushKitErrorCode.RECEIVE_MESSAGE_REPEATED, new PushKitErrorInfo(false,
    'receiveMessage was called twice for the same push type: call it once per type, in the onCreate of the ' +
    'one ability that declares action.ohos.push.listener.')],
  // Causes in the order Huawei's "开通推送服务" (push-config-setting) page and its FAQ give them today.
  [PushKitErrorCode.ILLEGAL_APP_IDENTITY, new PushKitErrorInfo(false,
    'Illegal application identity. Most likely first: (1) Push Kit is not enabled for the project in ' +
    'AppGallery Connect, or the signing profile was issued before it was enabled (generate a new profile); ' +
    '(2) the bundleName differs between AppGallery Connect, the signing profile and AppScope/app.json5; ' +
    '(3) the app is signed with automatic signing instead of the manual AppGallery Connect certificate and ' +
    'profile; (4) the certificate has expired. Legacy: a literal "client_id" metadata entry, which ' +
    'HarmonyOS NEXT no longer needs.')],
  [PushKitErrorCode.NETWORK_UNAVAILABLE, new PushKitErrorInfo(true,
    'The device has no network: getToken is retried with backoff, and again on the next start once the ' +
    'network is back.')],
  [PushKitErrorCode.PUSH_RIGHTS_NOT_ACTIVATED, new PushKitErrorInfo(false,
    'Push rights are not activated: enable Push Kit for the project in AppGallery Connect, then generate a ' +
    'new signing profile and sign the app with it.')],
  [PushKitErrorCode.CROSS_LOCATION_NOT_ALLOWED, new PushKitErrorInfo(false,
    'This app may not get a token in the device\'s region: the data processing location set for the project ' +
    'in AppGallery Connect does not serve it.')],
  [PushKitErrorCode.TOKEN_NOT_SUPPORTED, new PushKitErrorInfo(false,
    'This device cannot get a push token, e.g. a Wearable below API 18 or a TV below API 19.')],
  [PushKitErrorCode.TOO_MANY_PROFILE_BINDINGS, new PushKitErrorInfo(false,
    'bindAppProfileId: too many profile-app bindings on this device; unbind old profiles first.')],
  [PushKitErrorCode.DISTRIBUTED_ACCOUNT_NOT_LOGGED_IN, new PushKitErrorInfo(false,
    'bindAppProfileId: no HUAWEI ID (OS distributed account) is signed in on this device.')]
]);

/** A Push Kit `BusinessError`, typed, with what to do about it. */
export class PushKitError extends ClientError {
  readonly code: number;

  constructor(code: number, message: string) {
    const info = KNOWN.get(code) ?? UNKNOWN;
    super('PushKitError', 'Push Kit error ' + code.toString() + ': ' + message, info.retryable, info.hint);
    this.code = code;
  }
}
