import { z } from 'zod';
import { AuditAction, type AuditPage, type AuditQuery } from '@harmony-push/shared';
import { implementsContract } from '../contract';
import { decodeCursor } from '../registry/cursor';

export const auditQuery = implementsContract<AuditQuery>()(
  z.object({
    action: z.enum(AuditAction).optional(),
    cursor: z
      .string()
      .refine((cursor) => decodeCursor(cursor) !== undefined, 'is not a cursor returned by this API')
      .optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100).optional()
  })
);

export const auditPage = implementsContract<AuditPage>()(
  z.object({
    items: z.array(
      z.object({
        id: z.string(),
        at: z.string(),
        action: z.enum(AuditAction),
        adminKeyId: z.string().describe('the first 8 hex digits of the SHA-256 of the admin key'),
        subject: z.string()
      })
    ),
    nextCursor: z.string().optional()
  })
);
