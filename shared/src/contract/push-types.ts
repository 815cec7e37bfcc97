/** The `push-type` header values of the Push Kit v3 scenario API. */
export enum PushType {
  ALERT = 0,
  FORM_UPDATE = 1,
  EXTENSION = 2,
  BACKGROUND = 6,
  LIVE_VIEW = 7,
  VOIP_CALL = 10
}

export const PUSH_TYPES: PushType[] = [
  PushType.ALERT,
  PushType.FORM_UPDATE,
  PushType.EXTENSION,
  PushType.BACKGROUND,
  PushType.LIVE_VIEW,
  PushType.VOIP_CALL
];
