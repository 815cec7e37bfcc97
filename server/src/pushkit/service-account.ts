import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { z } from 'zod';

/** A Push Kit service account, from the key file downloaded in Huawei's API Console. */
export interface ServiceAccount {
  /** The AppGallery Connect project: `{projectId}` in the send URL. */
  projectId: string;
  /** JWT header `kid`. */
  keyId: string;
  /** JWT `iss`. */
  subAccount: string;
  /** PKCS#8 PEM of the RSA signing key. Never log it. */
  privateKey: string;
}

/** A key file that cannot be used; the message names the file and fields, never their values. */
export class ServiceAccountError extends Error {
  constructor(readonly file: string, readonly problems: string[]) {
    super(`unusable Push Kit service-account file ${file}:\n  ${problems.join('\n  ')}`);
    this.name = 'ServiceAccountError';
  }
}

const required = z.string({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be a string') })
  .trim()
  .min(1, 'must not be empty');

/** Some tools store the PEM with literal "\n" escapes (Huawei's Node sample undoes them too). */
const unescapeNewlines = (pem: string): string => pem.replace(/\\n/g, '\n');

/**
 * `pem` comes trimmed. An RSA-PSS key (algorithm id-RSASSA-PSS) is refused too: WebCrypto, which jose signs the PS256
 * JWTs with, cannot import it, so it would load here and fail at the first send.
 */
function isPkcs8RsaKey(pem: string): boolean {
  if (!pem.startsWith('-----BEGIN PRIVATE KEY-----')) return false;
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: pem, format: 'pem' });
  } catch {
    return false;
  }
  return key.asymmetricKeyType === 'rsa';
}

/** The fields Huawei's file has; unknown extra fields are ignored, the URIs are informational. */
const keyFile = z.object({
  project_id: required,
  key_id: required,
  sub_account: required,
  private_key: required
    .transform((pem) => unescapeNewlines(pem).trim())
    .refine(isPkcs8RsaKey, 'must be an RSA private key in PKCS#8 PEM ("-----BEGIN PRIVATE KEY-----")'),
  auth_uri: z.string().optional(),
  token_uri: z.string().optional(),
  auth_provider_cert_uri: z.string().optional(),
  client_cert_uri: z.string().optional()
});

export type ServiceAccountFile = z.input<typeof keyFile>;

/** Checks a parsed key file; `file` only names it in errors. */
export function parseServiceAccount(json: unknown, file: string): ServiceAccount {
  const parsed = keyFile.safeParse(json);
  if (!parsed.success) {
    throw new ServiceAccountError(
      file,
      parsed.error.issues.map((issue) => {
        // Stryker disable next-line StringLiteral: the file's fields are flat, so a path has one key and no separator shows
        const path = issue.path.join('.');
        return path === '' ? issue.message : `${path}: ${issue.message}`;
      })
    );
  }
  const account = parsed.data;
  return {
    projectId: account.project_id,
    keyId: account.key_id,
    subAccount: account.sub_account,
    privateKey: account.private_key
  };
}

/** Reads and checks the key file at `file` (PUSHKIT_SERVICE_ACCOUNT). */
export async function loadServiceAccount(file: string): Promise<ServiceAccount> {
  let text: string;
  try {
    // Stryker disable next-line StringLiteral: without an encoding JSON.parse reads the Buffer as UTF-8 all the same
    text = await readFile(file, 'utf8');
  } catch (error) {
    // Stryker disable next-line StringLiteral: readFile's errors always carry a code; the fallback cannot be reached
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new ServiceAccountError(file, [`cannot be read (${code})`]);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    // The parser's own message quotes the file's text, which may be key material.
    throw new ServiceAccountError(file, ['is not valid JSON']);
  }
  return parseServiceAccount(json, file);
}

/** The public half, for whoever checks the JWTs (the emulator). */
export const publicKeyOf = (account: ServiceAccount): KeyObject => createPublicKey(account.privateKey);
