/** Push Kit's answer to every send, whatever the HTTP status (gateway errors may carry no JSON at all). */
export interface PushKitResponse {
  /** A business code as a string, e.g. "80000000"; see PushKitCode. */
  code: string;
  /** Text, or for 80100000 and 80300007 the JSON of an IllegalTokensMsg. */
  msg: string;
  requestId: string;
}

/** Business codes documented for the v3 send API. */
export enum PushKitCode {
  SUCCESS = '80000000',
  /** Some tokens failed: `msg` is an IllegalTokensMsg. */
  PARTIAL_SUCCESS = '80100000',
  PARAMETER_ERROR = '80100001',
  /** "Illegal payload, <tips>": a schema failure or a bad push-type header. */
  ILLEGAL_PAYLOAD = '80100003',
  /** ttl puts the expiry in the past. */
  ILLEGAL_EXPIRE_TIME = '80100004',
  IMAGE_NOT_VERIFIED = '80100022',
  /** Missing Authorization, a JWT of another project or app, or an OAuth token. */
  AUTHENTICATION_ERROR = '80200001',
  JWT_EXPIRED = '80200005',
  NO_PERMISSION = '80300002',
  /** Every token failed: `msg` is an IllegalTokensMsg. */
  ALL_TOKENS_INVALID = '80300007',
  /** The body without tokens is over 4096 bytes. */
  MESSAGE_TOO_LARGE = '80300008',
  TOKEN_COUNT_EXCEEDED = '80300010',
  TEST_MESSAGE_RATE_EXCEEDED = '80300029',
  TEST_MESSAGE_TOKEN_COUNT_EXCEEDED = '80300030',
  /** The JWT lives longer than one day (exp − iat > 86400). */
  JWT_LIFETIME_TOO_LONG = '80300036',
  PENALTY = '80300037',
  INNER_ERROR = '81000001'
}

/**
 * Business codes push-msg-revoke documents beyond those of the send API (80000000, 80200001, 80300007 and the
 * others mean the same there).
 */
export enum RevokeCode {
  /** Some tokens failed: `msg` is taken to be an IllegalTokensMsg, as 80100000's is (push-msg-revoke shows none). */
  PARTIAL_SUCCESS = '80100020',
  ACCESS_TOKEN_EXPIRED = '80200003',
  TOKENS_OF_SEVERAL_APPS = '80300017',
  TOKEN_APP_MISMATCH = '80300028',
  NO_REVOKE_PERMISSION = '80300032',
  COMMON_SERVICE_ERROR = '80000001'
}

/** Why Push Kit refused a token (keys of `illegalTokens`). */
export enum InvalidTokenReason {
  /** The app lacks the right for this push-type. */
  NO_PUSH_TYPE_RIGHT = 'noPushTypeRight',
  /** The token belongs to another project, or is a pre-NEXT token. */
  NO_RIGHT = 'noRight',
  ATOMIC_UNABLE_SEND_UNSUBSCRIBED_MSG = 'atomicUnableSendUnsubscribedMsg',
  TOKEN_FORMAT_ERROR = 'tokenFormatError',
  COUNTRY_NOT_SUPPORT = 'countryNotSupport',
  /** A third-party proxy token. */
  TOKEN_PLATFORM_NOT_SUPPORT = 'tokenPlatformNotSupport',
  PENALTY = 'disableSendHuaweiMsgBecauseOfPenalty',
  DIFFERENT_IMAGE_VERIFY_POLICY = 'differentImgVerifyPolicy',
  APP_INFO_ERROR = 'appinfoError',
  NO_RIGHT_FOR_LIVE_VIEW_EVENT = 'noRightToSendThisLiveNotificationEvent',
  /** PLAY_VOICE sent with a push-type other than 2 (only in 80300007). */
  NOT_SUPPORT_PLAY_VOICE = 'notSupportPlayVoice'
}

/** `msg` of 80100000 and 80300007, once parsed. 80300007 has no `success`. */
export interface IllegalTokensMsg {
  /** Reason (an InvalidTokenReason, or one Huawei added since) → tokens. */
  illegalTokens: Record<string, string[]>;
  success?: number;
  failure: number;
}
