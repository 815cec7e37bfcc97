export enum HttpMethod {
  POST = 'POST',
  DELETE = 'DELETE'
}

export interface TransportRequest {
  method: HttpMethod;
  url: string;
  headers: Record<string, string>;
  /** JSON text; absent for requests without a body. */
  body?: string;
}

export interface TransportResponse {
  status: number;
  /** Response headers with lower-case names. */
  headers: Record<string, string>;
  body: string;
}

/**
 * One HTTP exchange, nothing more: the ArkTS `http` module and Node's `fetch` both fit behind it.
 * Rejects only when no HTTP answer arrived; every status code resolves.
 */
export interface HttpTransport {
  send(request: TransportRequest): Promise<TransportResponse>;
}
