import { createHash, timingSafeEqual } from 'node:crypto';
import fp from 'fastify-plugin';
import type { FastifyRequest, onRequestHookHandler } from 'fastify';
import { errors } from '../errors';

export interface AuthOptions {
  appKeys: string[];
  adminKeys: string[];
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Device routes: `X-App-Key: <app key>`. */
    requireAppKey: onRequestHookHandler;
    /** Admin routes: `Authorization: Bearer <admin key>`. */
    requireAdminKey: onRequestHookHandler;
  }
  interface FastifyRequest {
    /** The app key a device request was authenticated with (rate-limit bucket). */
    appKey?: string;
    /** Which admin key an admin request was authenticated with (adminKeyId), for the audit log. */
    adminKeyId?: string;
  }
}

const digest = (value: string): Buffer => createHash('sha256').update(value).digest();

/** Names an admin key without revealing it: the first 8 hex digits of its SHA-256. */
export const adminKeyId = (key: string): string => digest(key).toString('hex').slice(0, 8);

/** Compares against every key, always, in constant time per key: neither the match nor its position leaks. */
function keyMatcher(keys: string[]): (candidate: string) => boolean {
  const digests = keys.map(digest);
  return (candidate) => {
    const probe = digest(candidate);
    let found = false;
    for (const known of digests) found = timingSafeEqual(known, probe) || found;
    return found;
  };
}

export function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (!header) return undefined;
  const match = /^Bearer +(\S+)\s*$/i.exec(header);
  return match?.[1];
}

export default fp<AuthOptions>(
  async (app, options) => {
    const isAppKey = keyMatcher(options.appKeys);
    const isAdminKey = keyMatcher(options.adminKeys);

    app.decorateRequest('appKey', undefined);
    app.decorateRequest('adminKeyId', undefined);

    app.decorate('requireAppKey', async (request: FastifyRequest) => {
      const key = request.headers['x-app-key'];
      if (typeof key !== 'string' || key.length === 0) throw errors.unauthorized('missing X-App-Key header');
      if (isAppKey(key)) {
        request.appKey = key;
        return;
      }
      if (isAdminKey(key)) throw errors.forbidden('an admin key cannot be used as an app key');
      throw errors.unauthorized('unknown app key');
    });

    app.decorate('requireAdminKey', async (request: FastifyRequest) => {
      const key = bearerToken(request);
      if (key === undefined) {
        const appKey = request.headers['x-app-key'];
        if (typeof appKey === 'string' && isAppKey(appKey)) throw errors.forbidden('this route needs an admin key');
        throw errors.unauthorized('missing Authorization: Bearer <admin key>');
      }
      if (isAdminKey(key)) {
        request.adminKeyId = adminKeyId(key);
        return;
      }
      if (isAppKey(key)) throw errors.forbidden('this route needs an admin key, not an app key');
      throw errors.unauthorized('unknown admin key');
    });
  },
  { name: 'auth' }
);
