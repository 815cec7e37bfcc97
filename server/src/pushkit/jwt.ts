import { SignJWT, importPKCS8, type CryptoKey } from 'jose';
import type { ServiceAccount } from './service-account';

/** `aud` of every Push Kit JWT: Huawei's token endpoint, named but never called. */
export const PUSH_KIT_JWT_AUDIENCE = 'https://oauth-login.cloud.huawei.com/oauth2/v3/token';
export const PUSH_KIT_JWT_ALGORITHM = 'PS256';
/** Huawei recommends one hour and reuse while valid. */
export const JWT_LIFETIME_SECONDS = 3600;
/** Re-signed this long before `exp`, so a request never leaves with a JWT about to expire. */
export const JWT_RENEW_BEFORE_SECONDS = 300;

export interface PushKitJwtOptions {
  /** Milliseconds since the epoch; tests move it. */
  now?: () => number;
}

interface SignedJwt {
  jwt: string;
  expiresAt: number;
}

/**
 * The self-signed service-account JWT for `Authorization: Bearer`: signed once, reused until a few minutes before it
 * expires, shared by concurrent callers, and re-signed after `invalidate()` (on 401, 80200001 or 80200005).
 */
export class PushKitJwt {
  private readonly now: () => number;
  private key?: Promise<CryptoKey>;
  private current?: SignedJwt;
  private signing?: Promise<SignedJwt>;
  private generation = 0;
  private signingCount = 0;
  private lastSigning?: number;

  constructor(
    private readonly account: ServiceAccount,
    options: PushKitJwtOptions = {}
  ) {
    this.now = options.now ?? Date.now;
  }

  /** How many JWTs were signed so far (RSA signing is the expensive part). */
  get signings(): number {
    return this.signingCount;
  }

  /** When the last JWT was signed (milliseconds since the epoch), if one was. */
  get lastSignedAt(): number | undefined {
    return this.lastSigning;
  }

  async token(): Promise<string> {
    const nowSeconds = Math.floor(this.now() / 1000);
    if (this.current && nowSeconds < this.current.expiresAt - JWT_RENEW_BEFORE_SECONDS) return this.current.jwt;
    this.signing ??= this.sign(nowSeconds, this.generation);
    return (await this.signing).jwt;
  }

  /** Drops the cached JWT: the next token() signs a new one. */
  invalidate(): void {
    // Stryker disable next-line AssignmentOperator: any change of generation orphans the pending signing; its sign is irrelevant
    this.generation += 1;
    this.current = undefined;
    this.signing = undefined;
  }

  private async sign(issuedAt: number, generation: number): Promise<SignedJwt> {
    try {
      this.key ??= importPKCS8(this.account.privateKey, PUSH_KIT_JWT_ALGORITHM);
      const expiresAt = issuedAt + JWT_LIFETIME_SECONDS;
      const jwt = await new SignJWT({})
        .setProtectedHeader({ kid: this.account.keyId, typ: 'JWT', alg: PUSH_KIT_JWT_ALGORITHM })
        .setIssuer(this.account.subAccount)
        .setAudience(PUSH_KIT_JWT_AUDIENCE)
        .setIssuedAt(issuedAt)
        .setExpirationTime(expiresAt)
        .sign(await this.key);
      this.signingCount += 1;
      this.lastSigning = this.now();
      const signed = { jwt, expiresAt };
      if (generation === this.generation) this.current = signed;
      return signed;
    } finally {
      if (generation === this.generation) this.signing = undefined;
    }
  }
}
