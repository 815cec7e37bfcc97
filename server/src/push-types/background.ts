import { z } from 'zod';
import { ProxyData, type BackgroundPayload } from '@harmony-push/shared';
import { implementsContract } from '../contract';
import { pushKitObject } from '../pushkit/spec-choices';

/** Push-type 6. */
export const backgroundPayload = implementsContract<BackgroundPayload>()(
  pushKitObject({ extraData: z.string(), proxyData: z.enum(ProxyData, { error: 'must be "ENABLE" or absent' }).optional() })
);
