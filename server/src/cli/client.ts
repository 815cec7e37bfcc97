import type { ErrorBody, QuotaResponse, RevokeResponse, SendRequest, SendResponse, TokenListQuery, TokenPage } from '@harmony-push/shared';
import type { Connection } from './connection';
import { CliError, ExitCode } from './exit-codes';

/** What to do about a refusal, by HTTP status; the server's own message says what was wrong. */
const REFUSAL_HINTS: Record<number, string> = {
  401: 'The admin key was refused: pass one of the server\'s ADMIN_KEYS with --admin-key or HARMONY_PUSH_ADMIN_KEY.',
  403: 'This key may not do that: admin routes take an admin key (ADMIN_KEYS), not an app key.',
  429: 'The server\'s rate limit: wait the time it names, or raise RATE_LIMIT_PER_MINUTE.'
};

/** The admin API, typed by the shared contract: the same types the server's schemas implement. */
export class ApiClient {
  constructor(private readonly connection: Connection) {}

  send(request: SendRequest, idempotencyKey?: string): Promise<SendResponse> {
    return this.call('POST', '/send', request, idempotencyKey ? { 'idempotency-key': idempotencyKey } : {});
  }

  getSend(id: string): Promise<SendResponse> {
    return this.call('GET', `/sends/${encodeURIComponent(id)}`);
  }

  cancelSend(id: string): Promise<SendResponse> {
    return this.call('POST', `/sends/${encodeURIComponent(id)}/cancel`);
  }

  revokeSend(id: string): Promise<RevokeResponse> {
    return this.call('POST', `/sends/${encodeURIComponent(id)}/revoke`);
  }

  listTokens(query: TokenListQuery): Promise<TokenPage> {
    const params = new URLSearchParams();
    for (const [name, value] of Object.entries(query)) {
      if (value !== undefined) params.set(name, String(value));
    }
    const search = params.size > 0 ? `?${params}` : '';
    return this.call('GET', `/tokens${search}`);
  }

  quota(): Promise<QuotaResponse> {
    return this.call('GET', '/quota');
  }

  private async call<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
    const { baseUrl, adminKey, timeoutMs } = this.connection;
    const where = `${method} ${baseUrl}${path.split('?')[0]}`;
    let response: Response;
    try {
      response = await fetch(baseUrl + path, {
        method,
        headers: {
          authorization: `Bearer ${adminKey}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...headers
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs)
      });
    } catch (error) {
      throw unreachable(error, baseUrl, timeoutMs);
    }
    const text = await response.text();
    let answer: unknown;
    try {
      answer = JSON.parse(text);
    } catch {
      throw new CliError(ExitCode.UNAVAILABLE, {
        error: 'BAD_ANSWER',
        message: `${where} answered HTTP ${response.status} without JSON: is ${baseUrl} a harmony-push server?`
      });
    }
    if (response.ok) return answer as T;
    const refusal = answer as ErrorBody;
    const hint = REFUSAL_HINTS[response.status];
    throw new CliError(response.status >= 500 ? ExitCode.UNAVAILABLE : ExitCode.REFUSED, {
      error: refusal.error ?? `HTTP_${response.status}`,
      message: `${where}: HTTP ${response.status}: ${refusal.message ?? text}`,
      ...(refusal.details ? { details: refusal.details } : {})
    }, hint ? [hint] : []);
  }
}

/** No answer at all, told with the network's reason and what to check. */
function unreachable(error: unknown, baseUrl: string, timeoutMs: number): CliError {
  if ((error as Error).name === 'TimeoutError') {
    return new CliError(ExitCode.UNAVAILABLE, { error: 'TIMEOUT', message: `no answer from ${baseUrl} within ${timeoutMs} ms` }, [
      'The server is slow or stuck: retry, or allow more time with --timeout.'
    ]);
  }
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  const reason = cause?.code ?? cause?.message ?? (error as Error).message;
  return new CliError(ExitCode.UNAVAILABLE, { error: 'UNREACHABLE', message: `cannot reach the server at ${baseUrl} (${reason})` }, [
    'Is it running? Start it with npm start, or point --server (or HARMONY_PUSH_URL) at it.'
  ]);
}
