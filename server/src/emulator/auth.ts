import type { KeyObject } from 'node:crypto';
import { compactVerify } from 'jose';
import { PushKitCode } from '@harmony-push/shared';
import { PUSH_KIT_JWT_ALGORITHM, PUSH_KIT_JWT_AUDIENCE } from '../pushkit/jwt';
import { JWT_CLOCK_TOLERANCE_SECONDS } from '../pushkit/spec-choices';

/** Longest JWT lifetime (exp − iat) Push Kit accepts: one day. */
export const MAX_JWT_LIFETIME_SECONDS = 86_400;

/** What the emulator knows of the service account: the ids and the public key, never the private one. */
export interface EmulatedAccount {
  projectId: string;
  keyId: string;
  subAccount: string;
  publicKey: KeyObject;
}

interface Claims {
  iss?: unknown;
  aud?: unknown;
  iat?: unknown;
  exp?: unknown;
}

const BEARER = /^Bearer (\S+)$/;

async function verifiedClaims(jwt: string, account: EmulatedAccount): Promise<Claims | undefined> {
  try {
    const { payload, protectedHeader } = await compactVerify(jwt, account.publicKey, { algorithms: [PUSH_KIT_JWT_ALGORITHM] });
    if (protectedHeader.kid !== account.keyId) return undefined;
    const claims = JSON.parse(new TextDecoder().decode(payload)) as unknown;
    return typeof claims === 'object' && claims !== null ? (claims as Claims) : undefined;
  } catch {
    return undefined;
  }
}

const audienceMatches = (aud: unknown): boolean =>
  aud === PUSH_KIT_JWT_AUDIENCE || (Array.isArray(aud) && aud.includes(PUSH_KIT_JWT_AUDIENCE));

/**
 * Push Kit's check of `Authorization: Bearer <JWT>` for `POST /v3/{projectId}/messages:send`, in the order
 * written down in spec-choices: undefined when the request may go on, else the business code to answer.
 */
export async function checkAuthorization(
  header: string | undefined,
  projectId: string,
  account: EmulatedAccount,
  nowSeconds: number
): Promise<PushKitCode | undefined> {
  const jwt = header === undefined ? undefined : BEARER.exec(header)?.[1];
  if (jwt === undefined || projectId !== account.projectId) return PushKitCode.AUTHENTICATION_ERROR;
  const claims = await verifiedClaims(jwt, account);
  if (!claims || claims.iss !== account.subAccount || !audienceMatches(claims.aud)) return PushKitCode.AUTHENTICATION_ERROR;
  if (typeof claims.iat !== 'number' || typeof claims.exp !== 'number') return PushKitCode.AUTHENTICATION_ERROR;
  if (claims.exp - claims.iat > MAX_JWT_LIFETIME_SECONDS) return PushKitCode.JWT_LIFETIME_TOO_LONG;
  if (claims.exp + JWT_CLOCK_TOLERANCE_SECONDS <= nowSeconds) return PushKitCode.JWT_EXPIRED;
  return undefined;
}
