import { ClientError } from './errors';

/** `BusinessError.code` values of the Push Kit ArkTS API that the client treats specially. */
export enum PushKitErrorCode {
  PARAMETER_ERROR = 401,
  SYSTEM_INTERNAL_ERROR = 1000900001,
  EXTENSION_NOT_FOUND = 1000900002,
  EXTENSION_CALLBACK_FAILED = 1000900003,
  EXTENSION_CALLBACK_TIMEOUT = 1000900004,
  CONNECT_FAILED = 1000900008,
  SERVICE_INTERNAL_ERROR = 1000900009,
  ILLEGAL_APP_IDENTITY = 1000900010
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
  [PushKitErrorCode.ILLEGAL_APP_IDENTITY, new PushKitErrorInfo(false,
    'Illegal application identity. Check in AppGallery Connect that the app was created as a HarmonyOS ' +
    'app with this bundleName; that the SHA256 fingerprint of the signing certificate actually used ' +
    '(automatic signing and manual signing differ) is registered there; and that module.json5 has a ' +
    '"client_id" metadata entry whose value is the literal Client ID (not a $string reference).')]
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
