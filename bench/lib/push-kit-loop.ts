import { createRequire } from 'node:module';
import { PushKitJwt } from '../../server/src/pushkit/jwt';
import type { ServiceAccount } from '../../server/src/pushkit/service-account';

// The undici the server's sender uses (the one found from the repository root is another major version).
const serverRequire = createRequire(new URL('../../server/package.json', import.meta.url));
const { Pool } = serverRequire('undici') as typeof import('undici');

/** Push Kit's answer code for a request whose every token was accepted. */
const SUCCESS = '80000000';

export interface LoopFigures {
  seconds: number;
  requests: number;
  acceptedTokens: number;
  /** Answer codes other than success, counted. */
  otherCodes: Record<string, number>;
}

/** The same body the sender builds around a batch of tokens. */
export function pushKitBody(message: { payload: unknown; pushOptions?: unknown }, tokens: string[]): string {
  return JSON.stringify({ payload: message.payload, pushOptions: message.pushOptions, target: { token: tokens } });
}

/**
 * The baseline of the fan-out benchmark: pre-built bodies posted to Push Kit by `concurrency` loops over one
 * keep-alive pool, with one JWT signed beforehand; no database, no retries, nothing recorded.
 */
export async function postBatches(options: {
  baseUrl: string;
  account: ServiceAccount;
  pushType: number;
  bodies: { body: string; tokens: number }[];
  concurrency: number;
}): Promise<LoopFigures> {
  const pool = new Pool(options.baseUrl, { connections: options.concurrency });
  const headers = {
    'content-type': 'application/json; charset=UTF-8',
    authorization: `Bearer ${await new PushKitJwt(options.account).token()}`,
    'push-type': String(options.pushType)
  };
  const path = `/v3/${encodeURIComponent(options.account.projectId)}/messages:send`;
  const figures: LoopFigures = { seconds: 0, requests: 0, acceptedTokens: 0, otherCodes: {} };
  let next = 0;
  const loop = async () => {
    for (let index = next++; index < options.bodies.length; index = next++) {
      const { body, tokens } = options.bodies[index];
      const response = await pool.request({ path, method: 'POST', headers, body });
      const code = String(((await response.body.json()) as { code?: unknown }).code);
      figures.requests += 1;
      if (code === SUCCESS) figures.acceptedTokens += tokens;
      else figures.otherCodes[code] = (figures.otherCodes[code] ?? 0) + 1;
    }
  };
  const started = performance.now();
  try {
    await Promise.all(Array.from({ length: options.concurrency }, loop));
  } finally {
    figures.seconds = (performance.now() - started) / 1000;
    await pool.close();
  }
  return figures;
}
