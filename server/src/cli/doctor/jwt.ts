import { jwtVerify } from 'jose';
import { JWT_LIFETIME_SECONDS, PUSH_KIT_JWT_ALGORITHM, PUSH_KIT_JWT_AUDIENCE, PushKitJwt } from '../../pushkit/jwt';
import { publicKeyOf, type ServiceAccount } from '../../pushkit/service-account';
import { fail, ok, skip, type CheckResult } from './check';

export const JWT_SIGNING = 'JWT signing';

/** Signs a Push Kit JWT with the sender's own signer and checks it with the public half, as Push Kit would. */
export async function checkJwtSigning(account: ServiceAccount | undefined): Promise<CheckResult> {
  if (!account) return skip(JWT_SIGNING, 'no usable service account to sign with');
  try {
    const jwt = await new PushKitJwt(account).token();
    const { protectedHeader, payload } = await jwtVerify(jwt, publicKeyOf(account), {
      algorithms: [PUSH_KIT_JWT_ALGORITHM],
      audience: PUSH_KIT_JWT_AUDIENCE,
      issuer: account.subAccount
    });
    if (protectedHeader.kid !== account.keyId) throw new Error('the JWT header carries another kid than key_id');
    return ok(JWT_SIGNING, `signed and verified a ${protectedHeader.alg} JWT (kid from key_id, iss ${payload.iss}, valid ${JWT_LIFETIME_SECONDS} s)`);
  } catch (error) {
    return fail(
      JWT_SIGNING,
      `a Push Kit JWT cannot be signed with this key: ${(error as Error).message}`,
      'Push Kit needs an RSA key that signs PS256 (RSASSA-PSS with SHA-256): create a new service-account key in Huawei\'s API Console.'
    );
  }
}
