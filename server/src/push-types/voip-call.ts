import { z } from 'zod';
import type { VoIPCallPayload } from '@harmony-push/shared';
import { implementsContract } from '../contract';
import { pushKitObject } from '../pushkit/spec-choices';

/** Push-type 10. Huawei recommends a ttl of 30–60 s for calls; that is advice, not a rule. */
export const voipCallPayload = implementsContract<VoIPCallPayload>()(pushKitObject({ extraData: z.string() }));
