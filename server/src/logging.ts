import type { FastifyServerOptions } from 'fastify';
import type { DestinationStream } from 'pino';
import { maskToken } from '@harmony-push/shared';

/** URL parts at least this long are treated as tokens: route words and ids are shorter. */
const SECRET_LIKE_LENGTH = 16;

const maskPart = (part: string): string => (part.length >= SECRET_LIKE_LENGTH ? maskToken(decodeURIComponentSafe(part)) : part);

function decodeURIComponentSafe(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

/** Masks push tokens carried in paths (`/tokens/:token`) or query strings before a URL is logged or echoed. */
export function redactUrl(url: string): string {
  const queryAt = url.indexOf('?');
  const pathPart = queryAt === -1 ? url : url.slice(0, queryAt);
  const path = pathPart.split('/').map(maskPart).join('/');
  if (queryAt === -1) return path;
  const query = url
    .slice(queryAt + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      return eq === -1 ? maskPart(pair) : `${pair.slice(0, eq)}=${maskPart(pair.slice(eq + 1))}`;
    })
    .join('&');
  return `${path}?${query}`;
}

/** Header values that are credentials never reach the log: keys, admin and user bearer tokens. */
const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers["x-app-key"]',
  'req.headers["idempotency-key"]',
  'req.headers.cookie'
];

export function loggerOptions(level: string, stream?: DestinationStream): FastifyServerOptions['logger'] {
  return {
    level,
    ...(stream ? { stream } : {}),
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    serializers: {
      req: (req: { method: string; url: string; ip?: string; headers: Record<string, unknown> }) => ({
        method: req.method,
        url: redactUrl(req.url),
        remoteAddress: req.ip,
        userAgent: req.headers['user-agent']
      })
    }
  };
}
