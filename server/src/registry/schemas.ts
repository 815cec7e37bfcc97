import { z } from 'zod';
import {
  DeviceType,
  MAX_TOKEN_LENGTH,
  TokenStatus,
  type TokenListQuery,
  type TokenPage,
  type TokenRegistration,
  type TokenSummary
} from '@harmony-push/shared';
import { implementsContract } from '../contract';

/** Tokens have no documented format or length: trimmed, 1..4096 printable ASCII characters. */
export const pushToken = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(MAX_TOKEN_LENGTH, `must be at most ${MAX_TOKEN_LENGTH} characters`)
  .regex(/^[\x20-\x7E]*$/, 'must contain printable ASCII characters only');

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

export const tokenSummary = implementsContract<TokenSummary>()(
  z.object({
    id: z.string(),
    token: z.string().describe('masked'),
    deviceType: z.enum(DeviceType),
    osApiVersion: z.number().int().optional(),
    appVersion: z.string().optional(),
    userId: z.string().optional(),
    status: z.enum(TokenStatus),
    disabledReason: z.string().optional(),
    disabledAt: z.string().optional(),
    createdAt: z.string(),
    lastSeenAt: z.string(),
    updatedAt: z.string()
  })
);

/** Cursors are opaque to clients: the base64url of the last row's id. */
export const encodeCursor = (id: string): string => Buffer.from(id, 'utf8').toString('base64url');
const decodeCursor = (cursor: string): string => Buffer.from(cursor, 'base64url').toString('utf8');

export const tokenListQuery = implementsContract<TokenListQuery>()(
  z.object({
    status: z.enum(TokenStatus).optional(),
    deviceType: z.enum(DeviceType).optional(),
    userId: z.string().min(1).max(256).optional(),
    cursor: z
      .string()
      .refine((cursor) => /^\d{1,19}$/.test(decodeCursor(cursor)), 'is not a cursor returned by this API')
      .optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100).optional()
  })
);

export const cursorId = (cursor: string | undefined): string => (cursor === undefined ? '0' : decodeCursor(cursor));

export const tokenPage = implementsContract<TokenPage>()(
  z.object({ items: z.array(tokenSummary), nextCursor: z.string().optional() })
);
