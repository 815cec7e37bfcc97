import t from 'tap';
import { PushType } from '@harmony-push/shared';
import { ADMIN_KEY, startTestService } from '../helpers/service';
import { tokenOf } from '../helpers/tokens';

const admin = { authorization: `Bearer ${ADMIN_KEY}` };
const notification = (category: string) => ({ category, title: 'Hello', body: 'x', clickAction: { actionType: 0 } });
const PATH = 'payload.notification.category';

const marketingWarnings = (body: { warnings: { path: string; message: string }[] }) =>
  body.warnings.filter((warning) => warning.path === PATH);

t.test('without the self-classification right every alert warns that Huawei treats it as MARKETING', async (t) => {
  const { app } = await startTestService(t);
  const send = (body: Record<string, unknown>) => app.inject({ method: 'POST', url: '/send', headers: admin, payload: { ...body, target: { tokens: [tokenOf('m')] } } });
  for (const category of ['IM', 'MARKETING']) {
    const res = await send({ pushType: PushType.ALERT, payload: { notification: notification(category) } });
    t.equal(res.statusCode, 200);
    const [warning, ...more] = marketingWarnings(res.json());
    t.equal(more.length, 0);
    t.match(warning.message, /PUSHKIT_SELF_CLASSIFICATION/, category);
    t.match(warning.message, /MARKETING/);
    t.match(warning.message, /2 .*per device per day.*5 .*news/);
    t.match(warning.message, /256/);
    t.match(warning.message, /push-apply-right/);
    const stored = await app.inject({ method: 'GET', url: `/sends/${res.json().sendId}`, headers: admin });
    t.same(marketingWarnings(stored.json()), [warning], 'kept with the send');
  }
  const background = await send({ pushType: PushType.BACKGROUND, payload: { extraData: 'x' } });
  t.same(marketingWarnings(background.json()), [], 'not an alert');
  const voice = await send({ pushType: PushType.EXTENSION, payload: { notification: notification('PLAY_VOICE'), extraData: 'x' } });
  t.same(marketingWarnings(voice.json()), [], 'voice broadcasts have their own right');
  const badge = await send({ pushType: PushType.ALERT, payload: { notification: { badge: { setNum: 1 } } } });
  t.same(marketingWarnings(badge.json()), [], 'a badge-only update shows no notification');
});

t.test('with PUSHKIT_SELF_CLASSIFICATION=true only MARKETING alerts warn', async (t) => {
  const { app } = await startTestService(t, { PUSHKIT_SELF_CLASSIFICATION: 'true' });
  const send = (category: string) =>
    app.inject({ method: 'POST', url: '/send', headers: admin, payload: { pushType: PushType.ALERT, payload: { notification: notification(category) }, target: { tokens: [tokenOf('m')] } } });
  t.same(marketingWarnings((await send('IM')).json()), []);
  const [warning] = marketingWarnings((await send('MARKETING')).json());
  t.match(warning.message, /2 .*per device per day.*5 .*news/);
  t.match(warning.message, /256/);
  t.notMatch(warning.message, /PUSHKIT_SELF_CLASSIFICATION/);
});
