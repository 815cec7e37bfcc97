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

function isPkcs8RsaKey(pem: string): boolean {
  if (!pem.trimStart().startsWith('-----BEGIN PRIVATE KEY-----')) return false;
  try {
    const key = createPrivateKey({ key: pem, format: 'pem' });
    return key.asymmetricKeyType === 'rsa' || key.asymmetricKeyType === 'rsa-pss';
  } catch {
    return false;
  }
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
      parsed.error.issues.map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
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
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new ServiceAccountError(file, [`cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`]);
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
