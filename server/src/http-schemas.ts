import { z } from 'zod';
import type { ErrorBody, HealthStatus } from '@harmony-push/shared';
import { implementsContract } from './contract';

export const errorBody = implementsContract<ErrorBody>()(
  z.object({
    error: z.string().describe('error code from the catalogue'),
    message: z.string(),
    details: z.array(z.object({ path: z.string(), message: z.string() })).optional()
  })
);

export const healthStatus = implementsContract<HealthStatus>()(z.object({ status: z.string() }));
