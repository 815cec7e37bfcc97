import { setTimeout as sleep } from 'node:timers/promises';
import t from 'tap';
import { DeviceType } from '@harmony-push/shared';
import { APP_KEY, startTestService } from '../helpers/service';
import { tokenOf } from '../helpers/tokens';

const { app } = await startTestService(t);

const CLIENTS = 20;
const LOAD_MS = 3000;
const BAD_EVERY_MS = 100;

t.test('one SQL error per 100 ms under load fails no valid registration', async (t) => {
  const stop = Date.now() + LOAD_MS;
  const acknowledged: string[] = [];
  const failures: string[] = [];
  const client = async () => {
    while (Date.now() < stop) {
      const token = tokenOf('load');
      const res = await app.inject({ method: 'POST', url: '/tokens', headers: { 'x-app-key': APP_KEY }, payload: { token, deviceType: 'phone' } });
      if (res.statusCode === 201) acknowledged.push(token);
      else failures.push(`${res.statusCode} ${res.body}`);
    }
  };
  // A bad request that reaches the database whatever the HTTP layer refuses first: the repository itself is handed a
  // value PostgreSQL rejects (a NUL in text), coalesced with the valid registrations in flight.
  let badOnes = 0;
  let badFailed = 0;
  const bad = async () => {
    while (Date.now() < stop) {
      badOnes += 1;
      await app.tokens.register({ token: tokenOf('bad'), deviceType: DeviceType.PHONE, appVersion: 'x\u0000' }, undefined).catch(() => {
        badFailed += 1;
      });
      await app.pg.pool.query('SELECT 1 / 0').catch(() => undefined);
      await sleep(BAD_EVERY_MS);
    }
  };
  await Promise.all([bad(), ...Array.from({ length: CLIENTS }, client)]);

  t.equal(badFailed, badOnes, 'every bad request failed');
  t.same(failures.slice(0, 5), [], 'no valid registration failed');
  t.equal(failures.length, 0);
  t.ok(acknowledged.length > CLIENTS, `${acknowledged.length} valid registrations answered`);
  const stored = await app.pg.query<{ n: number }>('SELECT count(*)::int AS n FROM push_tokens WHERE token = ANY($1)', [acknowledged]);
  t.equal(stored.rows[0].n, acknowledged.length, 'every acknowledged registration is stored');
});
