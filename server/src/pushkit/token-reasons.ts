import { InvalidTokenReason } from '@harmony-push/shared';

/** What a refused token means for the registry. */
export enum ReasonKind {
  /** The token itself is unusable: disable it in the registry. */
  DEAD_TOKEN = 'deadToken',
  /** The app's rights or AGC configuration are at fault: the token is fine, an operator must act. */
  CONFIGURATION = 'configuration',
  /** This message could not go to this token; the token stays as it is. */
  NOT_DELIVERABLE = 'notDeliverable'
}

/*
 * push-scenariozed-api-response lists the reasons (80100000, 80300007); which of them prove a token dead is our
 * reading. noRight and noPushTypeRight are permission faults: pruning on them wipes good tokens, and a token of
 * another project shows up as noRight too, so they are reported, not disabled (but see kindOf).
 */
const KINDS: Record<InvalidTokenReason, ReasonKind> = {
  [InvalidTokenReason.TOKEN_FORMAT_ERROR]: ReasonKind.DEAD_TOKEN,
  [InvalidTokenReason.TOKEN_PLATFORM_NOT_SUPPORT]: ReasonKind.DEAD_TOKEN,
  [InvalidTokenReason.NO_PUSH_TYPE_RIGHT]: ReasonKind.CONFIGURATION,
  [InvalidTokenReason.NO_RIGHT]: ReasonKind.CONFIGURATION,
  [InvalidTokenReason.APP_INFO_ERROR]: ReasonKind.CONFIGURATION,
  [InvalidTokenReason.NO_RIGHT_FOR_LIVE_VIEW_EVENT]: ReasonKind.CONFIGURATION,
  [InvalidTokenReason.PENALTY]: ReasonKind.CONFIGURATION,
  [InvalidTokenReason.DIFFERENT_IMAGE_VERIFY_POLICY]: ReasonKind.CONFIGURATION,
  [InvalidTokenReason.NOT_SUPPORT_PLAY_VOICE]: ReasonKind.CONFIGURATION,
  [InvalidTokenReason.ATOMIC_UNABLE_SEND_UNSUBSCRIBED_MSG]: ReasonKind.NOT_DELIVERABLE,
  [InvalidTokenReason.COUNTRY_NOT_SUPPORT]: ReasonKind.NOT_DELIVERABLE
};

/**
 * What `reason` means for its token. `anyAccepted`: the same request had tokens accepted. Then the project's rights
 * are fine, and a noRight token is one never re-fetched after its device upgraded to HarmonyOS NEXT
 * (push-scenariozed-api-response, 80300007: "终端设备从HarmonyOS 4及以下版本…升级到HarmonyOS 5及以上版本后，Push Token
 * 未重新获取"): dead. Reasons Huawei adds later are reported and leave tokens alone until someone classifies them.
 */
export function kindOf(reason: string, anyAccepted = false): ReasonKind {
  if (reason === InvalidTokenReason.NO_RIGHT && anyAccepted) return ReasonKind.DEAD_TOKEN;
  // Object.hasOwn: a reason named like an Object.prototype member ("constructor") is not a documented one.
  return Object.hasOwn(KINDS, reason) ? KINDS[reason as InvalidTokenReason] : ReasonKind.NOT_DELIVERABLE;
}

const HINTS: Partial<Record<InvalidTokenReason, string>> = {
  [InvalidTokenReason.NO_PUSH_TYPE_RIGHT]: 'the app lacks the right for this push-type: apply for it in AppGallery Connect',
  [InvalidTokenReason.NO_RIGHT]: 'the token belongs to another project or app, or Push Kit is not enabled for this project',
  [InvalidTokenReason.APP_INFO_ERROR]: 'the app information in AppGallery Connect does not match the token',
  [InvalidTokenReason.NO_RIGHT_FOR_LIVE_VIEW_EVENT]: 'the app lacks the Live View right for this event',
  [InvalidTokenReason.PENALTY]: 'the app is under a Huawei penalty',
  [InvalidTokenReason.DIFFERENT_IMAGE_VERIFY_POLICY]: 'the image verification policy differs from the app configuration',
  [InvalidTokenReason.NOT_SUPPORT_PLAY_VOICE]: 'category PLAY_VOICE needs push-type 2 (voice broadcast)'
};

export const hintFor = (reason: string): string =>
  (Object.hasOwn(HINTS, reason) ? HINTS[reason as InvalidTokenReason] : undefined) ??
  'check the app configuration in AppGallery Connect';
