import { createHash } from 'node:crypto';
import type { SendRequest } from '@harmony-push/shared';

/** The value with object keys sorted at every level (arrays keep their order). */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, canonical((value as Record<string, unknown>)[key])])
  );
}

/**
 * What an Idempotency-Key is bound to: the SHA-256 of the validated request, keys in any order. The body parser
 * bounds nesting depth, so the recursion above is bounded too.
 */
export const requestDigest = (request: SendRequest): string =>
  createHash('sha256').update(JSON.stringify(canonical(request))).digest('hex');
