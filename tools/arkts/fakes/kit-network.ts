// Host fake of @kit.NetworkKit http, backed by Node's fetch so requests really go over the network;
// connection failures reject the way the device does (BusinessError 2300007).
import { businessError } from './business-error';

const COULD_NOT_CONNECT = 2300007;

interface RequestOptions {
  method?: string;
  header?: Record<string, string>;
  extraData?: string;
  readTimeout?: number;
}

class HostHttpRequest {
  private destroyed = false;

  async request(url: string, options: RequestOptions = {}) {
    if (this.destroyed) throw businessError(2300999, 'request on a destroyed HttpRequest');
    let response: Response;
    try {
      response = await fetch(url, {
        method: options.method ?? 'GET',
        headers: options.header,
        body: options.extraData,
        signal: AbortSignal.timeout(options.readTimeout ?? 60000)
      });
    } catch {
      throw businessError(COULD_NOT_CONNECT, "Couldn't connect to server");
    }
    return { responseCode: response.status, header: Object.fromEntries(response.headers), result: await response.text() };
  }

  destroy(): void {
    this.destroyed = true;
  }
}

export const http = {
  createHttp: () => new HostHttpRequest(),
  RequestMethod: { GET: 'GET', POST: 'POST', DELETE: 'DELETE' },
  HttpDataType: { STRING: 0, OBJECT: 1, ARRAY_BUFFER: 2 },
  ResponseCode: { OK: 200 }
};
