import type { HttpTransport, TransportRequest, TransportResponse } from '@harmony-push/shared';

/** `HttpTransport` over Node's fetch: the Node counterpart of the app's ArkHttpTransport. */
export class FetchTransport implements HttpTransport {
  /** Every request sent, as "METHOD /path", so tests can count what reached the network. */
  readonly sent: string[] = [];

  async send(request: TransportRequest): Promise<TransportResponse> {
    this.sent.push(`${request.method} ${new URL(request.url).pathname}`);
    const response = await fetch(request.url, {
      method: request.method,
      headers: request.headers,
      body: request.body,
      signal: AbortSignal.timeout(10_000)
    });
    return { status: response.status, headers: Object.fromEntries(response.headers), body: await response.text() };
  }
}
