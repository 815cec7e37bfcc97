import t from 'tap';
import { PushType } from '@harmony-push/shared';
import { HUAWEI_EXAMPLES, example } from '../helpers/huawei-examples';
import { failingPaths, messageIssues } from '../helpers/push-messages';

/* eslint-disable @typescript-eslint/no-explicit-any -- tests reach deep into example bodies to change them */
type Payload = any;

t.test('clickAction.data is a JSON object: nested values are allowed', async (t) => {
  const paths = failingPaths(example('通知消息 (category'), (body) => {
    (body.payload as Payload).notification.clickAction = {
      actionType: 1,
      action: 'com.example.open',
      data: { order: { id: 7, items: [1, 2] }, note: null }
    };
  });
  t.same(paths, {});
});

t.test('a Live View update with a layout type the device does not know is allowed', async (t) => {
  const update = HUAWEI_EXAMPLES.find((e) => e.pushType === PushType.LIVE_VIEW && (e.body.payload as Payload).operation === 1);
  if (!update) throw new Error('no Live View update example');
  const paths = failingPaths(structuredClone(update), (body) => {
    (body.payload as Payload).activityData.notificationData.type = 42;
  });
  t.same(paths, {}, 'the device falls back to the basic template');
  const create = failingPaths(example('创建实况窗消息 TAXI'), (body) => {
    (body.payload as Payload).activityData.notificationData.type = 42;
  });
  t.ok(create['payload.activityData.notificationData.type'], 'a create still needs a known layout');
});

t.test('a badge-only alert may carry category ("无需携带": not needed, not forbidden)', async (t) => {
  t.same(messageIssues(PushType.ALERT, { payload: { notification: { category: 'IM', badge: { setNum: 3 } } } }), {});
});

t.test('EXPRESS and CHECK_IN Live Views may be created over REST (push-update-liveview)', async (t) => {
  for (const event of ['EXPRESS', 'CHECK_IN']) {
    const paths = failingPaths(example('创建实况窗消息 TAXI'), (body) => {
      const payload = body.payload as Payload;
      payload.event = event;
      payload.status = 'ANY';
    });
    t.notOk(paths['payload.event'], `${event} is creatable`);
  }
});
