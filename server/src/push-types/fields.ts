import { z } from 'zod';

/** Field types that recur across push-types. */

export const INT32_MAX = 2_147_483_647;
export const INT32_MIN = -2_147_483_648;

/** An integer within [min, max], with the range in the message. */
export const intIn = (min: number, max: number) =>
  z.number().int('must be an integer').min(min, `must be from ${min} to ${max}`).max(max, `must be from ${min} to ${max}`);

export const httpsUrl = z.url({ protocol: /^https$/, error: 'must be an https:// URL' });

/** Colours are "#AARRGGBB" (9 characters). */
export const argbColor = z.string().regex(/^#[0-9A-Fa-f]{8}$/, 'must be a colour #AARRGGBB');

export const rgbColor = z.string().regex(/^#[0-9A-Fa-f]{6}$/, 'must be a colour #RRGGBB');

export const maxChars = (max: number) => z.string().max(max, `must be at most ${max} characters`);

/** A required text that must not be empty either. */
export const nonEmptyText = (max?: number) => {
  const text = z.string().min(1, 'must not be empty');
  return max === undefined ? text : text.max(max, `must be at most ${max} characters`);
};

/** True for an object (not null); narrows what a cross-field rule may read fields of. */
export const isObject = <T>(value: T | null | undefined): value is T => typeof value === 'object' && value !== null;

/** True for a string with at least one character; safe on values of any type. */
export const isFilled = (value: unknown): boolean => typeof value === 'string' && value.length > 0;
