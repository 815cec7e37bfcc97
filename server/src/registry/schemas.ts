import { z } from 'zod';
import {
  DeviceType,
  MAX_TOKEN_LENGTH,
  MAX_USER_ID_LENGTH,
  TokenStatus,
  type RegisteredToken,
  type TokenListQuery,
  type TokenPage,
  type TokenRegistration,
  type TokenSummary
} from '@harmony-push/shared';
import { implementsContract } from '../contract';
import { decodeCursor } from './cursor';

/** Tokens have no documented format or length: trimmed, 1..4096 printable ASCII characters. */
export const pushToken = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(MAX_TOKEN_LENGTH, `must be at most ${MAX_TOKEN_LENGTH} characters`)
  .regex(/^[\x20-\x7E]*$/, 'must contain printable ASCII characters only');

/** A user id as a user JWT's subject gives it. */
export const userId = z.string().min(1).max(MAX_USER_ID_LENGTH);

export const tokenRegistration = implementsContract<TokenRegistration>()(
  z.object({
    token: pushToken,
    deviceType: z.enum(DeviceType),
    osApiVersion: z.number().int().min(1).max(1000).optional(),
    appVersion: z.string().trim().min(1).max(64).optional(),
    notificationsEnabled: z.boolean().optional(),
    previousToken: pushToken.optional()
  })
);

export const tokenParams = z.object({ token: pushToken });

/** A registered token's id (a bigint key), as GET /tokens shows it: the console names devices by it. */
export const tokenIdParams = z.object({ id: z.string().regex(/^\d{1,18}$/, 'must be a registered token’s id') });

const registeredTokenShape = {
  id: z.string(),
  token: z.string().describe('masked'),
  deviceType: z.enum(DeviceType),
  osApiVersion: z.number().int().optional(),
  appVersion: z.string().optional(),
  notificationsEnabled: z.boolean().optional(),
  status: z.enum(TokenStatus),
  disabledReason: z.string().optional(),
  disabledAt: z.string().optional(),
  lastDeliveredAt: z.string().optional(),
  createdAt: z.string(),
  lastSeenAt: z.string(),
  updatedAt: z.string()
};

export const registeredToken = implementsContract<RegisteredToken>()(z.object(registeredTokenShape));

export const tokenSummary = implementsContract<TokenSummary>()(
  z.object({ ...registeredTokenShape, userId: z.string().optional(), testDevice: z.boolean() })
);

export const tokenListQuery = implementsContract<TokenListQuery>()(
  z.object({
    status: z.enum(TokenStatus).optional(),
    deviceType: z.enum(DeviceType).optional(),
    userId: userId.optional(),
    notificationsEnabled: z.stringbool({ truthy: ['true'], falsy: ['false'] }).optional(),
    testDevice: z.stringbool({ truthy: ['true'], falsy: ['false'] }).optional(),
    tokenSuffix: z
      .string()
      .trim()
      .min(4, 'give at least the last 4 characters')
      .max(MAX_TOKEN_LENGTH)
      .regex(/^[\x20-\x7E]*$/, 'must contain printable ASCII characters only')
      .optional(),
    cursor: z
      .string()
      .refine((cursor) => decodeCursor(cursor) !== undefined, 'is not a cursor returned by this API')
      .optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100).optional()
  })
);

export const tokenPage = implementsContract<TokenPage>()(
  z.object({ items: z.array(tokenSummary), nextCursor: z.string().optional() })
);
