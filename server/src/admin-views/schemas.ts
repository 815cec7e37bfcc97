import { z } from 'zod';
import {
  DeviceType,
  PushKitTargetKind,
  PushType,
  SendState,
  TokenResultStatus,
  TokenStatus,
  type AudienceCount,
  type DeviceDetail,
  type OverviewResponse,
  type SendHistoryPage,
  type SendHistoryQuery
} from '@harmony-push/shared';
import { implementsContract } from '../contract';
import { tokenSummary } from '../registry/schemas';
import { deliverySummary, tokenDelivery } from '../sending/schemas';

const count = z.number().int();
const sendCounts = z.object({ sends: count, accepted: count });

export const overviewResponse = implementsContract<OverviewResponse>()(
  z.object({
    devices: z.array(
      z.object({ deviceType: z.enum(DeviceType), status: z.enum(TokenStatus), count, notificationsOff: count })
    ),
    last24Hours: sendCounts,
    last30Days: sendCounts,
    funnel: z.array(z.object({ day: z.string(), accepted: count, delivery: deliverySummary })),
    health: z.object({
      pushKitTarget: z.enum(PushKitTargetKind),
      pushKitBaseUrl: z.string(),
      projectId: z.string(),
      serviceAccountLoaded: z.boolean().describe('a service account from PUSHKIT_SERVICE_ACCOUNT (not the emulator’s)'),
      jwtSignings: count,
      lastJwtSigningAt: z.string().optional(),
      configurationErrors: z.array(
        z.object({ sendId: z.uuid(), at: z.string(), reason: z.string(), tokens: count, hint: z.string() })
      ),
      receiptEndpointConfigured: z.boolean()
    })
  })
);

export const sendHistoryQuery = implementsContract<SendHistoryQuery>()(
  z.object({
    state: z.enum(SendState).optional(),
    cursor: z.uuid('is not a cursor returned by this API').optional(),
    limit: z.coerce.number().int().min(1).max(500).default(50).optional()
  })
);

export const sendExportQuery = z.object({ state: z.enum(SendState).optional() });

export const sendSummary = z.object({
  sendId: z.uuid(),
  pushType: z.enum(PushType),
  state: z.enum(SendState),
  audience: z.string().describe('who it went to, in words; never a token'),
  batchesDone: count,
  batchesTotal: count,
  requested: count,
  accepted: count,
  failed: count,
  skipped: count,
  unknown: count,
  delivery: deliverySummary,
  createdAt: z.string(),
  completedAt: z.string().optional()
});

export const sendHistoryPage = implementsContract<SendHistoryPage>()(
  z.object({ items: z.array(sendSummary), nextCursor: z.string().optional() })
);

export const audienceCount = implementsContract<AudienceCount>()(z.object({ count }));

export const deviceDetail = implementsContract<DeviceDetail>()(
  z.object({
    device: tokenSummary,
    sends: z.array(
      z.object({
        sendId: z.uuid(),
        pushType: z.enum(PushType),
        state: z.enum(SendState),
        createdAt: z.string(),
        status: z.enum(TokenResultStatus),
        reason: z.string().optional(),
        delivery: tokenDelivery.optional()
      })
    )
  })
);
