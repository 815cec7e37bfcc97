import { Pool } from 'undici';
import type { PushKitResponse, PushType } from '@harmony-push/shared';

export interface TransportOptions {
  /** `https://push-api.cloud.huawei.com`, or the emulator's URL. */
  baseUrl: string;
  projectId: string;
  /** The app's Client ID: the path of the revoke API; without it, revoke() refuses. */
  clientId?: string;
  /** Keep-alive connections to Push Kit at most. */
  connections: number;
  connectTimeoutMs: number;
  /** Bound on waiting for the answer's headers, then its body. */
  responseTimeoutMs: number;
  /** Milliseconds since the epoch, for a Retry-After given as a date; tests move it. */
  now?: () => number;
}

/** What came back: the HTTP status, and the body when it is Push Kit's JSON (gateways may answer HTML). */
export interface PushKitAnswer {
  status: number;
  body?: PushKitResponse;
  /** From a Retry-After header (seconds or an HTTP date), when there is one. */
  retryAfterMs?: number;
}

function retryAfterMs(header: string | string[] | undefined, now: number): number | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (value === undefined) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value) * 1000;
  // Otherwise an HTTP-date (RFC 9110, 10.2.3), which names its day and month in each of its three forms; V8's
  // Date.parse would also read "1.5" or "-5" as dates long past (a pause of 0), or an ISO date.
  if (!/[A-Za-z]{3}/.test(value)) return undefined;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function asPushKitResponse(text: string): PushKitResponse | undefined {
  let parsed: Partial<PushKitResponse> | null;
  try {
    parsed = JSON.parse(text) as Partial<PushKitResponse> | null;
  } catch {
    return undefined;
  }
  if (parsed === null || typeof parsed.code !== 'string') return undefined;
  return { code: parsed.code, msg: String(parsed.msg ?? ''), requestId: String(parsed.requestId ?? '') };
}

/**
 * `POST /v3/{projectId}/messages:send` and `POST /v1/{clientId}/messages:revoke` (push-msg-revoke) over a bounded
 * pool of keep-alive connections.
 */
export class PushKitTransport {
  private readonly pool: Pool;
  private readonly path: string;
  private readonly revokePath?: string;
  private readonly now: () => number;

  constructor(options: TransportOptions) {
    this.now = options.now ?? Date.now;
    const base = new URL(options.baseUrl);
    this.pool = new Pool(base.origin, {
      connections: options.connections,
      connect: { timeout: options.connectTimeoutMs },
      headersTimeout: options.responseTimeoutMs,
      bodyTimeout: options.responseTimeoutMs,
      keepAliveTimeout: 30_000
    });
    const prefix = base.pathname.replace(/\/$/, '');
    this.path = `${prefix}/v3/${encodeURIComponent(options.projectId)}/messages:send`;
    if (options.clientId !== undefined) this.revokePath = `${prefix}/v1/${encodeURIComponent(options.clientId)}/messages:revoke`;
  }

  /** Whether a Client ID is configured, so that revoke() can be called. */
  get canRevoke(): boolean {
    return this.revokePath !== undefined;
  }

  /** Rejects on connection errors and timeouts; any HTTP answer resolves. */
  send(pushType: PushType, jwt: string, body: string): Promise<PushKitAnswer> {
    return this.post(this.path, pushType, jwt, body);
  }

  /** The same for a revoke body `{ notifyId, token }`. */
  revoke(pushType: PushType, jwt: string, body: string): Promise<PushKitAnswer> {
    if (this.revokePath === undefined) throw new Error('no Client ID is configured for revoke');
    return this.post(this.revokePath, pushType, jwt, body);
  }

  private async post(path: string, pushType: PushType, jwt: string, body: string): Promise<PushKitAnswer> {
    const response = await this.pool.request({
      path,
      method: 'POST',
      headers: {
        'content-type': 'application/json; charset=UTF-8',
        authorization: `Bearer ${jwt}`,
        'push-type': String(pushType)
      },
      body
    });
    const text = await response.body.text();
    const answer: PushKitAnswer = { status: response.statusCode, body: asPushKitResponse(text) };
    const retryAfter = retryAfterMs(response.headers['retry-after'], this.now());
    if (retryAfter !== undefined) answer.retryAfterMs = retryAfter;
    return answer;
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}
