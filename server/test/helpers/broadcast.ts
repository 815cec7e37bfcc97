import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { DeviceType } from '@harmony-push/shared';
import { emulatorIdentity } from '../../src/emulator/app';
import { DeviceTokens } from '../../src/emulator/device-tokens';
import type { ServiceAccount } from '../../src/pushkit/service-account';
import { ADMIN_KEY } from './service';

const admin = { authorization: `Bearer ${ADMIN_KEY}` };

/**
 * Registers `count` virtual devices of the emulator with `account` straight into the registry, in one statement:
 * broadcast tests need tens of thousands.
 */
export async function seedDevices(app: FastifyInstance, account: ServiceAccount, count: number): Promise<string[]> {
  const issuer = new DeviceTokens(emulatorIdentity(account).tokenSecret);
  const tokens = Array.from({ length: count }, () => issuer.issue(DeviceType.PHONE));
  // In chunks: each statement stays well inside the pool's query timeout, on PGlite too.
  for (let start = 0; start < count; start += 10_000) {
    const chunk = tokens.slice(start, start + 10_000);
    await app.pg.query(`INSERT INTO push_tokens (token, device_type) SELECT unnest($1::text[]), 'phone'`, [chunk]);
  }
  return tokens;
}

export async function startBroadcast(app: FastifyInstance, payload: Record<string, unknown>): Promise<string> {
  const res = await app.inject({ method: 'POST', url: '/send', headers: admin, payload: { ...payload, target: { all: true } } });
  if (res.statusCode !== 202) throw new Error(`expected a broadcast job, got ${res.statusCode}: ${res.body}`);
  return res.json().sendId;
}

export async function sendStatus(app: FastifyInstance, sendId: string) {
  return (await app.inject({ method: 'GET', url: `/sends/${sendId}`, headers: admin })).json();
}

/** Polls until `done(send)` holds; bounded, so a stuck job fails the test instead of hanging it. */
export async function waitFor(app: FastifyInstance, sendId: string, done: (send: Record<string, unknown>) => boolean, seconds = 90) {
  for (let waited = 0; waited < seconds * 1000; waited += 100) {
    const send = await sendStatus(app, sendId);
    if (done(send)) return send;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`send ${sendId} did not get there in ${seconds} s: ${JSON.stringify(await sendStatus(app, sendId))}`);
}

/**
 * Moves a send, and the statuses it has so far, `days` into the past: retention (SEND_RETENTION_DAYS) then prunes it
 * on a maintenance run with the real clock.
 */
export async function age(app: FastifyInstance, sendId: string, days: number): Promise<void> {
  await app.pg.query(
    `UPDATE sends SET created_at = created_at - make_interval(days => $2), completed_at = completed_at - make_interval(days => $2)
      WHERE id = $1`,
    [sendId, days]
  );
  await app.pg.query(`UPDATE receipts SET received_at = received_at - make_interval(days => $2) WHERE send_id = $1`, [sendId, days]);
}

export const finished = (send: Record<string, unknown>): boolean =>
  ['completed', 'cancelled', 'failed'].includes(send.state as string);

/** How many messages each token's device received. */
export async function receivedCounts(emulator: FastifyInstance, tokens: string[]): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const token of tokens) {
    const res = await emulator.inject({ method: 'GET', url: `/emulator/messages?token=${token}` });
    counts.set(token, res.json().messages.length);
  }
  return counts;
}

/** A key file like AppGallery Connect's, for processes that must sign as `account`. */
export async function writeServiceAccount(dir: string, account: ServiceAccount): Promise<string> {
  const file = path.join(dir, 'service-account.json');
  await writeFile(
    file,
    JSON.stringify({
      project_id: account.projectId,
      key_id: account.keyId,
      private_key: account.privateKey,
      sub_account: account.subAccount,
      token_uri: 'https://oauth-login.cloud.huawei.com/oauth2/v3/token'
    })
  );
  return file;
}
