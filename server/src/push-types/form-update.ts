import { z } from 'zod';
import { FormImageRequire, type FormImage, type FormUpdatePayload } from '@harmony-push/shared';
import { implementsContract } from '../contract';
import { FORM_ID_MAX, pushKitObject } from '../pushkit/spec-choices';
import { INT32_MAX, httpsUrl, intIn, nonEmptyText } from './fields';
import { evenWithOtherIssues, fail } from './issues';

const RESERVED_KEY_PREFIX = 'datashareproxy://';

export const formImage = implementsContract<FormImage>()(
  pushKitObject({ keyName: z.string().optional(), url: httpsUrl.optional(), require: z.enum(FormImageRequire).optional() })
);

const formValue = z.union(
  [
    z.string(),
    z
      .number()
      .refine((n) => Math.abs(n) <= Number.MAX_SAFE_INTEGER, 'must be within ±(2^53−1)'),
    z.boolean()
  ],
  { error: (issue) => (issue.input === null ? 'must not be null' : 'must be a string, number or boolean') }
);

/** Push-type 1: one card on one device. */
export const formUpdatePayload = implementsContract<FormUpdatePayload>()(
  pushKitObject({
    formId: intIn(0, FORM_ID_MAX),
    version: intIn(0, INT32_MAX),
    images: z.array(formImage).max(1, 'must have at most one image').optional(),
    moduleName: nonEmptyText(),
    formName: nonEmptyText(),
    abilityName: nonEmptyText(),
    formData: z.record(z.string(), formValue).superRefine((data, ctx) => {
      for (const key of Object.keys(data)) {
        if (key.startsWith(RESERVED_KEY_PREFIX)) fail(ctx, [key], `keys must not start with ${RESERVED_KEY_PREFIX}`);
      }
    }, evenWithOtherIssues)
  }).superRefine((payload, ctx) => {
    if (!Array.isArray(payload.images) || typeof payload.formData !== 'object' || payload.formData === null) return;
    payload.images.forEach((image, index) => {
      if (typeof image?.keyName === 'string' && Object.hasOwn(payload.formData, image.keyName)) {
        fail(ctx, ['images', index, 'keyName'], 'must not be a formData key');
      }
    });
  }, evenWithOtherIssues)
);
