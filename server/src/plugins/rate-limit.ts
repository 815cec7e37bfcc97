import fp from 'fastify-plugin';
import rateLimit from '@fastify/rate-limit';
import { errors } from '../errors';

export interface RateLimitOptions {
  /** Requests per minute per app key and client IP on device routes; 0 turns the limit off. */
  perMinute: number;
}

/** Routes opt in with `config: { rateLimit: deviceRateLimit }`; it runs after authentication. */
export default fp<RateLimitOptions>(
  async (app, options) => {
    if (options.perMinute === 0) return;
    await app.register(rateLimit, {
      global: false,
      max: options.perMinute,
      timeWindow: 60_000,
      hook: 'preHandler',
      keyGenerator: (request) => `${request.appKey ?? '-'}|${request.ip}`,
      errorResponseBuilder: (_request, context) => errors.rateLimited(Math.max(1, Math.ceil(context.ttl / 1000)))
    });
  },
  { name: 'rate-limit' }
);
