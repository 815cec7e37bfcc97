/** Push-type 10: an in-app (VoIP) call; the device sees `extraData` next to a Push-generated callId. */
export interface VoIPCallPayload {
  extraData: string;
}
