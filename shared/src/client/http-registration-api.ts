import { ErrorBody, ErrorCode, ErrorDetail } from '../contract/errors';
import { TokenRegistration } from '../contract/tokens';
import { ClientConfig } from './client-config';
import { ClientError, NetworkError, RequestRejectedError, ServerBusyError } from './errors';
import { HttpMethod, HttpTransport, TransportRequest, TransportResponse } from './http-transport';
import { RegistrationApi } from './registration-api';

/** Statuses worth repeating the same request for. */
function isTransientStatus(status: number): boolean {
  return status >= 500 || status === 408 || status === 429;
}

/** `Retry-After` in seconds (the server never sends the HTTP-date form). */
function retryAfterMs(response: TransportResponse): number {
  const header = response.headers['retry-after'];
  // Stryker disable next-line StringLiteral: Number('') is 0 and Number of other text NaN: both mean no Retry-After
  const seconds = Number(header ?? '');
  // Stryker disable next-line EqualityOperator: 0 seconds is 0 ms on either branch
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 0;
}

function errorBodyOf(text: string): ErrorBody | undefined {
  try {
    const parsed = JSON.parse(text) as ErrorBody | null;
    // Stryker disable next-line OptionalChaining: without it JSON null throws on .error into the catch below: the same undefined
    if (typeof parsed?.error === 'string' && typeof parsed.message === 'string') {
      return parsed;
    }
  } catch (e) {
    // Not JSON (a proxy's HTML error page): the status alone describes the failure.
  }
  return undefined;
}

/** What a developer can do about a rejection; the codes are those of the server's contract. */
function hintFor(status: number, code: string): string {
  if (code === ErrorCode.UNAUTHORIZED.valueOf() || (status === 401 && code === '')) {
    return 'The server does not know this app key: check the app key in the app configuration.';
  }
  if (code === ErrorCode.INVALID_USER_TOKEN.valueOf()) {
    return 'The login JWT was refused: log the user in again, or check the server\'s USER_JWT settings.';
  }
  if (code === ErrorCode.FORBIDDEN.valueOf()) {
    return 'An admin key is configured as the app key: use an app key.';
  }
  if (status === 404) {
    return 'No token API at this address: check the configured server URL.';
  }
  return '';
}

function failureOf(response: TransportResponse): ClientError {
  const body = errorBodyOf(response.body);
  const message = body !== undefined ? body.message : 'HTTP ' + response.status.toString();
  if (isTransientStatus(response.status)) {
    return new ServerBusyError(response.status, message, retryAfterMs(response));
  }
  const code = body !== undefined ? body.error : '';
  const details: ErrorDetail[] = body !== undefined && body.details !== undefined ? body.details : [];
  return new RequestRejectedError(response.status, code, message, details, hintFor(response.status, code));
}

/** The server's device API over any `HttpTransport`. */
export class HttpRegistrationApi implements RegistrationApi {
  private readonly baseUrl: string;
  private readonly config: ClientConfig;
  private readonly transport: HttpTransport;

  constructor(config: ClientConfig, transport: HttpTransport) {
    this.baseUrl = config.serverUrl.replace(new RegExp('/+$'), '');
    this.config = config;
    this.transport = transport;
  }

  async upload(registration: TokenRegistration): Promise<void> {
    const headers = this.headers();
    headers['Content-Type'] = 'application/json';
    if (this.config.userJwt !== undefined) {
      const jwt = await this.config.userJwt();
      if (jwt !== undefined && jwt.length > 0) {
        headers['Authorization'] = 'Bearer ' + jwt;
      }
    }
    const request: TransportRequest = {
      method: HttpMethod.POST,
      url: this.baseUrl + '/tokens',
      headers: headers,
      body: JSON.stringify(registration)
    };
    await this.exchange(request, [200, 201]);
  }

  async unregister(token: string): Promise<void> {
    await this.remove('/tokens/' + encodeURIComponent(token));
  }

  async unbindUser(token: string): Promise<void> {
    await this.remove('/tokens/' + encodeURIComponent(token) + '/user');
  }

  private async remove(path: string): Promise<void> {
    const request: TransportRequest = { method: HttpMethod.DELETE, url: this.baseUrl + path, headers: this.headers() };
    await this.exchange(request, [204]);
  }

  private headers(): Record<string, string> {
    const headers: Record<string, string> = { 'X-App-Key': this.config.appKey, 'Accept': 'application/json' };
    return headers;
  }

  private async exchange(request: TransportRequest, expected: number[]): Promise<void> {
    let response: TransportResponse;
    try {
      response = await this.transport.send(request);
    } catch (e) {
      throw new NetworkError(request.method.valueOf() + ' ' + this.baseUrl + ' failed: ' + (e as Error).message);
    }
    if (!expected.includes(response.status)) {
      throw failureOf(response);
    }
  }
}
