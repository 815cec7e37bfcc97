import t, { type Test } from 'tap';
import { maskToken, TokenStatus } from '@harmony-push/shared';
import { ADMIN_KEY, startTestService } from '../helpers/service';
import { finished, seedDevices, waitFor } from '../helpers/broadcast';

const admin = { authorization: `Bearer ${ADMIN_KEY}` };
const alert = { pushType: 0, payload: { notification: { category: 'IM', title: 'Hello', body: 'Hi', clickAction: { actionType: 0 } } } };
const background = { pushType: 6, payload: { extraData: 'sync' } };

const { app, pushKit } = await startTestService(t, { SEND_WORKERS: '2' });

const send = (message: object, target: object) => app.inject({ method: 'POST', url: '/send', headers: admin, payload: { ...message, target } });

/** The masked tokens an immediate send went to. */
async function sentTo(t: Test, message: object, target: object): Promise<string[]> {
  const res = await send(message, target);
  t.equal(res.statusCode, 200, res.body);
  return res.json().results.map((result: { token: string }) => result.token).sort();
}

const masked = (tokens: string[]) => tokens.map(maskToken).sort();

// One device of each kind; the registry holds nothing else during the immediate sends.
const [active, stale, inactive, disabled, notificationsOff, notificationsUnknown, staleNotificationsOff] = await seedDevices(app, pushKit.account, 7);
const setStatus = (token: string, status: TokenStatus) =>
  app.pg.query(
    `UPDATE push_tokens SET status = $2, disabled_reason = CASE WHEN $2 = 'disabled' THEN 'uninstalled' END,
            disabled_at = CASE WHEN $2 = 'disabled' THEN now() END WHERE token = $1`,
    [token, status]
  );
await setStatus(stale, TokenStatus.STALE);
await setStatus(inactive, TokenStatus.INACTIVE);
await setStatus(disabled, TokenStatus.DISABLED);
await setStatus(staleNotificationsOff, TokenStatus.STALE);
await app.pg.query(`UPDATE push_tokens SET notifications_enabled = true WHERE token = ANY($1)`, [[active, stale, inactive, disabled]]);
await app.pg.query(`UPDATE push_tokens SET notifications_enabled = false WHERE token = ANY($1)`, [[notificationsOff, staleNotificationsOff]]);
await app.pg.query(`UPDATE push_tokens SET user_id = 'u1' WHERE token = ANY($1)`, [[active, stale, notificationsOff]]);

t.test('an alert broadcast skips stale, inactive and notifications-off tokens by default', async (t) => {
  t.same(await sentTo(t, alert, { all: true }), masked([active, notificationsUnknown]), 'a device that never said is sent to');
  t.same(await sentTo(t, alert, { deviceTypes: ['phone'] }), masked([active, notificationsUnknown]));
  t.same(await sentTo(t, alert, { userIds: ['u1'] }), masked([active]));
});

t.test('includeStale adds stale and inactive tokens, never disabled ones', async (t) => {
  t.same(await sentTo(t, alert, { all: true, includeStale: true }), masked([active, stale, inactive, notificationsUnknown]));
  t.same(await sentTo(t, alert, { userIds: ['u1'], includeStale: true }), masked([active, stale]));
});

t.test('includeNotificationsOff adds the tokens whose user turned notifications off', async (t) => {
  t.same(await sentTo(t, alert, { all: true, includeNotificationsOff: true }), masked([active, notificationsOff, notificationsUnknown]));
  t.same(
    await sentTo(t, alert, { all: true, includeStale: true, includeNotificationsOff: true }),
    masked([active, stale, inactive, notificationsOff, notificationsUnknown, staleNotificationsOff])
  );
});

t.test('a background message (push-type 6) ignores the notification switch', async (t) => {
  t.same(await sentTo(t, background, { all: true }), masked([active, notificationsOff, notificationsUnknown]));
  t.same(await sentTo(t, background, { all: true, includeNotificationsOff: true }), masked([active, notificationsOff, notificationsUnknown]));
  t.same(await sentTo(t, background, { all: true, includeStale: true }), masked([active, stale, inactive, notificationsOff, notificationsUnknown, staleNotificationsOff]));
});

t.test('tokens named explicitly are always sent, whatever their state', async (t) => {
  const named = [stale, inactive, disabled, notificationsOff];
  t.same(await sentTo(t, alert, { tokens: named }), masked(named));
});

t.test('the flags are booleans', async (t) => {
  for (const flag of ['includeStale', 'includeNotificationsOff']) {
    const res = await send(alert, { all: true, [flag]: 'yes' });
    t.equal(res.statusCode, 400);
    t.equal(res.json().details[0].path, `body.target.${flag}`);
  }
});

t.test('a broadcast job applies the same filters to every batch', async (t) => {
  await app.pg.query('DELETE FROM push_tokens');
  const tokens = await seedDevices(app, pushKit.account, 1200);
  await app.pg.query(`UPDATE push_tokens SET status = 'stale' WHERE token = ANY($1)`, [tokens.slice(0, 60)]);
  await app.pg.query(`UPDATE push_tokens SET status = 'inactive' WHERE token = ANY($1)`, [tokens.slice(60, 90)]);
  await app.pg.query(`UPDATE push_tokens SET notifications_enabled = false WHERE token = ANY($1)`, [tokens.slice(80, 120)]);

  const run = async (message: object, target: object) => {
    const res = await send(message, target);
    t.equal(res.statusCode, 202, res.body);
    return waitFor(app, res.json().sendId, finished);
  };
  t.match(await run(alert, { all: true }), { state: 'completed', requested: 1200 - 90 - 30, accepted: 1080 });
  t.match(await run(alert, { all: true, includeStale: true }), { state: 'completed', requested: 1200 - 40 });
  t.match(await run(background, { all: true }), { state: 'completed', requested: 1200 - 90 });
});
