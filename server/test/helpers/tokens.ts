import { randomBytes } from 'node:crypto';

/** A unique, realistic-looking push token (Huawei tokens are long base64-like strings). */
export const tokenOf = (label: string): string =>
  `MAAALgE4G98BAAAA${label}${randomBytes(48).toString('base64url')}`;
