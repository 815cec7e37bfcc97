/** Push-type 6: data for the app; delivered when it is in the foreground, otherwise cached. */

export enum ProxyData {
  /** Write the data silently into the app's cache while it is not in the foreground. */
  ENABLE = 'ENABLE'
}

export interface BackgroundPayload {
  extraData: string;
  proxyData?: ProxyData;
}
