import t from 'tap';
import { PushKitCode } from '@harmony-push/shared';
import { example } from '../helpers/huawei-examples';
import { failingMessages, failingPaths } from '../helpers/push-messages';

/* eslint-disable @typescript-eslint/no-explicit-any -- tests reach deep into example bodies to break them */
type Payload = any;
const ILLEGAL = PushKitCode.ILLEGAL_PAYLOAD;
const N = 'payload.notification.clickAction';
const X = 'payload.activityData.notificationData.extend.clickAction';

/** The notification's clickAction (actionType 0 or 1) of Huawei's plain alert example, replaced. */
const onNotification = (clickAction: unknown) =>
  failingPaths(example('通知消息 (category'), (body) => ((body.payload as Payload).notification.clickAction = clickAction));
/** The Live View extend's clickAction (actionType 0, 1, 3 or 5) of Huawei's TAXI example, replaced. */
const onExtend = (clickAction: unknown) =>
  failingPaths(example('创建实况窗消息 TAXI'), (body) => ((body.payload as Payload).activityData.notificationData.extend.clickAction = clickAction));

t.test('actionType 1 opens a page named by action or uri, neither of them empty', async (t) => {
  t.same(onNotification({ actionType: 1, action: 'com.example.open' }), {});
  t.same(onNotification({ actionType: 1, uri: 'https://example.com/a' }), {});
  t.same(onNotification({ actionType: 1, action: '' }), { [`${N}.action`]: ILLEGAL });
  t.same(onNotification({ actionType: 1, uri: '' }), { [`${N}.uri`]: ILLEGAL });
  t.same(onNotification({ actionType: 0 }), {}, 'the home page needs neither');
});

t.test('actionType 5 dials data.tel: at most 20 of "+-# 0-9", starting with + or a digit', async (t) => {
  t.same(onExtend({ actionType: 5 }), { [`${X}.data.tel`]: ILLEGAL }, 'no data');
  t.same(onExtend({ actionType: 5, data: { tel: '1'.repeat(20) } }), {});
  t.same(onExtend({ actionType: 5, data: { tel: '+' } }), {});
  t.same(onExtend({ actionType: 5, data: { tel: '' } }), { [`${X}.data.tel`]: ILLEGAL });
  t.same(onExtend({ actionType: 5, data: { tel: '#1' } }), { [`${X}.data.tel`]: ILLEGAL });
  t.same(onExtend({ actionType: 5, data: { tel: ' 1' } }), { [`${X}.data.tel`]: ILLEGAL });
  t.same(onExtend({ actionType: 5, data: { tel: '1 2-3#4' } }), {});
  t.same(onExtend({ actionType: 5, data: { tel: '12a' } }), { [`${X}.data.tel`]: ILLEGAL });
  t.same(onExtend({ actionType: 5, data: { tel: '12\n' } }), { [`${X}.data.tel`]: ILLEGAL });
  t.same(onExtend({ actionType: 0, data: { tel: 'not a number' } }), {}, 'only actionType 5 dials');
});

t.test('each broken rule says what is wrong in words the sender can act on', async (t) => {
  const said = (name: string, change: (payload: Payload) => void) => failingMessages(example(name), (body) => change(body.payload));
  t.same(
    said('通知消息 (category', (p) => (p.notification.clickAction = { actionType: 3, uri: '' })),
    [`${N}.actionType: must be one of 0, 1 here`, `${N}.uri: must not be empty`]
  );
  t.same(said('通知消息 (category', (p) => (p.notification.clickAction = { actionType: 1, action: '' })), [`${N}.action: must not be empty`]);
  t.same(said('通知消息 (category', (p) => (p.notification.clickAction = { actionType: 1 })), [`${N}.action: actionType 1 needs action or uri`]);
  t.same(
    said('创建实况窗消息 TAXI', (p) => (p.activityData.notificationData.extend.clickAction = { actionType: 5, data: { tel: 'x' } })),
    [`${X}.data.tel: actionType 5 needs data.tel: at most 20 of "+-# 0-9", starting with + or a digit`]
  );
});
