import t from 'tap';
import { PushKitCode, PushType } from '@harmony-push/shared';
import { validatePushKitRequest } from '../../src/push-types';
import { HUAWEI_EXAMPLES, example } from '../helpers/huawei-examples';
import { failingPaths } from '../helpers/push-messages';

/* eslint-disable @typescript-eslint/no-explicit-any -- tests reach deep into example bodies to break them */
type Payload = any;
const ILLEGAL = PushKitCode.ILLEGAL_PAYLOAD;
const D = 'payload.activityData.notificationData';
const C = 'payload.activityData.capsuleData';

const broken = (name: string, change: (payload: Payload) => void) => failingPaths(example(name), (body) => change(body.payload));
const flight = (change: (payload: Payload) => void) => broken('创建实况窗消息 FLIGHT', change);
const taxi = (change: (payload: Payload) => void) => broken('创建实况窗消息 TAXI', change);
const data = (payload: Payload) => payload.activityData.notificationData;

t.test("every Live View example of Huawei's documentation is valid", async (t) => {
  for (const { name, pushType, body } of HUAWEI_EXAMPLES.filter((e) => e.pushType === PushType.LIVE_VIEW)) {
    t.same(validatePushKitRequest(pushType, body), [], name);
  }
});

t.test('activityId, operation, event, activityData, layout type and clickAction are required', async (t) => {
  t.same(
    broken('更新实况窗消息 SCORE', (p) => {
      delete p.activityId;
      delete p.operation;
      delete p.event;
      delete data(p).type;
      delete data(p).clickAction;
    }),
    {
      'payload.activityId': ILLEGAL,
      'payload.operation': ILLEGAL,
      'payload.event': ILLEGAL,
      [`${D}.type`]: ILLEGAL,
      [`${D}.clickAction`]: ILLEGAL
    }
  );
  t.same(broken('更新实况窗消息 SCORE', (p) => delete p.activityData), { 'payload.activityData': ILLEGAL });
});

t.test('ranges and enums of the top level', async (t) => {
  t.same(flight((p) => (p.activityId = -2_147_483_648)), {});
  t.same(flight((p) => (p.activityId = 2_147_483_648)), { 'payload.activityId': ILLEGAL });
  t.same(flight((p) => (p.operation = 3)), { 'payload.operation': ILLEGAL });
  t.same(flight((p) => (p.event = 'PARTY')), { 'payload.event': ILLEGAL });
  t.same(flight((p) => (p.version = -1)), { 'payload.version': ILLEGAL });
  t.same(flight((p) => (p.status = 'BOARDING_SOON')), { 'payload.status': ILLEGAL });
  t.same(broken('更新实况窗消息 TAXI, completed', (p) => (p.status = 'DEPART')), { 'payload.status': ILLEGAL }, 'a FLIGHT status for TAXI');
});

t.test('creating: creatable events only, status required, layout per event', async (t) => {
  t.same(
    broken('更新实况窗消息 SCORE', (p) => (p.operation = 0)),
    { 'payload.event': ILLEGAL, 'payload.status': ILLEGAL, [`${D}.contentTitle`]: ILLEGAL },
    'and no text carries {{status}}'
  );
  t.same(flight((p) => delete p.status), { 'payload.status': ILLEGAL });
  t.same(flight((p) => (data(p).type = 3)), { [`${D}.type`]: ILLEGAL, [`${D}.richProgress`]: ILLEGAL });
  t.same(flight((p) => (data(p).type = -1)), {}, 'the basic layout is always allowed');
  t.same(flight((p) => (p.operation = 1)), {}, 'updates may use any layout and need no status');
});

t.test('creating FLIGHT and TRAIN needs the keyword, and both placeholders', async (t) => {
  t.same(flight((p) => delete data(p).keywords), { [`${D}.keywords.flightNo`]: ILLEGAL });
  t.same(flight((p) => (data(p).contentTitle = '航班')), { [`${D}.contentTitle`]: ILLEGAL }, 'no {{status}}');
  t.same(flight((p) => (data(p).contentText = [{ text: '航班号' }])), { [`${D}.contentTitle`]: ILLEGAL }, 'no {{flightNo}}');
  t.same(flight((p) => (data(p).firstTextBlock.firstLine = '{{flightNo}}')) , {});
  t.same(broken('创建实况窗消息 TRAIN', (p) => (data(p).keywords = { flightNo: 'MU1' })), { [`${D}.keywords.trainNo`]: ILLEGAL });
});

t.test('creating needs a non-empty contentTitle and contentText', async (t) => {
  t.same(taxi((p) => (data(p).contentTitle = '')), { [`${D}.contentTitle`]: ILLEGAL });
  t.same(taxi((p) => (data(p).contentText = [])), { [`${D}.contentText`]: ILLEGAL });
});

t.test('contentTitle and contentText hold at most 1024 characters; contentText one colour', async (t) => {
  t.same(taxi((p) => (data(p).contentTitle = '{{status}}' + 'x'.repeat(1015))), { [`${D}.contentTitle`]: ILLEGAL });
  t.same(taxi((p) => data(p).contentText.push({ text: 'y'.repeat(1020) })), { [`${D}.contentText`]: ILLEGAL });
  t.same(taxi((p) => data(p).contentText.push({ text: '!', foregroundColor: '#FF000000' })), { [`${D}.contentText`]: ILLEGAL });
  t.same(taxi((p) => data(p).contentText.push({ text: '!', foregroundColor: 'red' })), {
    [`${D}.contentText.4.foregroundColor`]: ILLEGAL,
    [`${D}.contentText`]: ILLEGAL
  });
});

t.test('each layout needs its block, on updates too', async (t) => {
  const update = (type: number, change: (p: Payload) => void = () => undefined) =>
    broken('更新实况窗消息 SCORE', (p) => {
      data(p).type = type;
      delete data(p).game;
      change(p);
    });
  t.same(update(3), { [`${D}.richProgress`]: ILLEGAL });
  t.same(update(4), { [`${D}.singleTextBlock`]: ILLEGAL });
  t.same(update(5), { [`${D}.firstTextBlock`]: ILLEGAL, [`${D}.lastTextBlock`]: ILLEGAL });
  t.same(update(7), { [`${D}.game`]: ILLEGAL });
  t.same(update(-1), {});
  t.same(update(6), {}, 'an unknown layout on an update falls back to the basic template');
});

t.test('text blocks: lines of 1 to 128 characters', async (t) => {
  t.same(flight((p) => (data(p).firstTextBlock.firstLine = '')), { [`${D}.firstTextBlock.firstLine`]: ILLEGAL });
  t.same(flight((p) => (data(p).lastTextBlock.secondLine = 'x'.repeat(129))), { [`${D}.lastTextBlock.secondLine`]: ILLEGAL });
});

t.test('layout 5 on create: spaceIcon, or spaceText with spaceType 1', async (t) => {
  t.same(flight((p) => delete data(p).spaceIcon), { [`${D}.spaceIcon`]: ILLEGAL });
  t.same(flight((p) => Object.assign(data(p), { spaceType: 1 })), { [`${D}.spaceText`]: ILLEGAL });
  t.same(flight((p) => Object.assign(data(p), { spaceType: 1, spaceText: '→' })), {});
  t.same(flight((p) => (data(p).spaceType = 2)), { [`${D}.spaceType`]: ILLEGAL });
});

t.test('layout 3 on create: 2 to 5 node icons, indicator icon with indicatorType 1 or 2, progress 0..100', async (t) => {
  t.same(taxi((p) => delete data(p).richProgress.nodeIcons), { [`${D}.richProgress.nodeIcons`]: ILLEGAL });
  t.same(taxi((p) => (data(p).richProgress.nodeIcons = ['one.png'])), { [`${D}.richProgress.nodeIcons`]: ILLEGAL });
  t.same(taxi((p) => delete data(p).richProgress.indicatorIcon), { [`${D}.richProgress.indicatorIcon`]: ILLEGAL });
  t.same(taxi((p) => (data(p).richProgress.progress = 101)), { [`${D}.richProgress.progress`]: ILLEGAL });
  t.same(taxi((p) => (data(p).richProgress.color = '#317AF7')), { [`${D}.richProgress.color`]: ILLEGAL });
});

t.test('layout 4 on create needs descPic; layout 7 on create needs every team field, time and a description', async (t) => {
  const completed = example('更新实况窗消息 TAXI, completed');
  completed.body.payload.operation = 0;
  t.same(failingPaths(completed, (body: Payload) => delete data(body.payload).descPic), { [`${D}.descPic`]: ILLEGAL });
  const score = (change: (p: Payload) => void) =>
    broken('更新实况窗消息 SCORE', (p) => {
      Object.assign(p, { operation: 0, event: 'TAXI', status: 'COMPLETED' });
      data(p).contentTitle = '{{status}}';
      change(p);
    });
  t.same(score(() => undefined), {});
  t.same(score((p) => delete data(p).game.host.icon), { [`${D}.game.host.icon`]: ILLEGAL });
  t.same(score((p) => (data(p).game.guest.score = '')), { [`${D}.game.guest.score`]: ILLEGAL });
  t.same(score((p) => delete data(p).game.competition.time), { [`${D}.game.competition.time`]: ILLEGAL });
  t.same(score((p) => delete data(p).game.competition.desc), { [`${D}.game.competition.desc`]: ILLEGAL });
  t.same(score((p) => (data(p).game.competition = { richDesc: [{ text: 'Q4' }], time: '02:16' })), {});
});

t.test('extend: text for types 1 and 2, image or pic for 3 and 4, clickAction 0/1/3/5', async (t) => {
  t.same(taxi((p) => (data(p).extend = { type: 1 })), { [`${D}.extend.text`]: ILLEGAL });
  t.same(taxi((p) => (data(p).extend = { type: 4, image: 'icon.png' })), {});
  t.same(taxi((p) => (data(p).extend = { type: 3 })), { [`${D}.extend.image`]: ILLEGAL });
  t.same(taxi((p) => (data(p).extend = { type: 5 })), { [`${D}.extend.type`]: ILLEGAL });
  t.same(taxi((p) => (data(p).extend.clickAction = { actionType: 3 })), {});
  t.same(taxi((p) => (data(p).clickAction = { actionType: 3 })), { [`${D}.clickAction.actionType`]: ILLEGAL });
});

t.test('dialling: data.tel of at most 20 of "+-# 0-9", + only first', async (t) => {
  const tel = (value: unknown) => taxi((p) => (data(p).extend.clickAction.data = { tel: value }));
  t.same(tel('+86 138-0000-0000#1'), {});
  t.same(tel('138xxxxxxxx'), { [`${D}.extend.clickAction.data.tel`]: ILLEGAL });
  t.same(tel('86+138'), { [`${D}.extend.clickAction.data.tel`]: ILLEGAL });
  t.same(tel('-138'), { [`${D}.extend.clickAction.data.tel`]: ILLEGAL });
  t.same(tel('1'.repeat(21)), { [`${D}.extend.clickAction.data.tel`]: ILLEGAL });
  t.same(tel(13800000000), { [`${D}.extend.clickAction.data.tel`]: ILLEGAL });
});

t.test('capsule: colour rules, the block per type, texts on create', async (t) => {
  t.same(flight((p) => (p.activityData.capsuleData.bgColor = '#ff000000')), { [`${C}.bgColor`]: ILLEGAL });
  t.same(flight((p) => (p.activityData.capsuleData.bgColor = '#FFF1F3F5')), { [`${C}.bgColor`]: ILLEGAL });
  t.same(flight((p) => (p.activityData.capsuleData.bgColor = '#317AF7')), { [`${C}.bgColor`]: ILLEGAL });
  t.same(flight((p) => (p.activityData.capsuleData.type = 2)), { [`${C}.capsuleTimer`]: ILLEGAL });
  t.same(flight((p) => Object.assign(p.activityData.capsuleData, { type: 3, progress: { progress: 5, max: 4 } })), {
    [`${C}.progress.progress`]: ILLEGAL
  });
  t.same(flight((p) => delete p.activityData.capsuleData.title), { [`${C}.title`]: ILLEGAL });
  t.same(flight((p) => delete p.activityData.capsuleData.content), { [`${C}.content`]: ILLEGAL });
  t.same(flight((p) => (p.activityData.capsuleData.title = 't'.repeat(129))), { [`${C}.title`]: ILLEGAL });
  t.same(flight((p) => (p.activityData.capsuleData.remind = 'SHAKE')), { [`${C}.remind`]: ILLEGAL });
  t.same(flight((p) => (p.activityData.capsuleData.status = 0)), { [`${C}.status`]: ILLEGAL });
});

t.test('external screen: #RRGGBB, and title and body on create (bgImage with type 1)', async (t) => {
  const E = 'payload.activityData.externalData';
  t.same(flight((p) => (p.activityData.externalData = { title: 'MU1471', body: [{ text: '12:00' }] })), {});
  t.same(flight((p) => (p.activityData.externalData = { type: 1, bgColor: '#FF317AF7' })), {
    [`${E}.bgColor`]: ILLEGAL,
    [`${E}.title`]: ILLEGAL,
    [`${E}.body`]: ILLEGAL,
    [`${E}.bgImage`]: ILLEGAL
  });
});

t.test('trigger and geofence ranges', async (t) => {
  const geofence = { longitude: 121.47, latitude: 31.23, coordinateSystemType: 2, monitorEvent: 1, radius: 500, delayTime: 0 };
  const T = 'payload.trigger';
  const withTrigger = (trigger: unknown) => flight((p) => Object.assign(p, { operation: 4, trigger }));
  t.same(withTrigger({ type: 1, condition: geofence, displayTime: 900 }), {});
  t.same(withTrigger({ type: 2, condition: geofence, displayTime: 14 }), { [`${T}.type`]: ILLEGAL, [`${T}.displayTime`]: ILLEGAL });
  t.same(
    withTrigger({
      type: 1,
      condition: { longitude: -181, latitude: 91, coordinateSystemType: 3, monitorEvent: 0, radius: 199, delayTime: 301 }
    }),
    {
      [`${T}.condition.longitude`]: ILLEGAL,
      [`${T}.condition.latitude`]: ILLEGAL,
      [`${T}.condition.coordinateSystemType`]: ILLEGAL,
      [`${T}.condition.monitorEvent`]: ILLEGAL,
      [`${T}.condition.radius`]: ILLEGAL,
      [`${T}.condition.delayTime`]: ILLEGAL
    }
  );
});

t.test('keepTime is at most an hour', async (t) => {
  t.same(flight((p) => (data(p).keepTime = 3600)), {});
  t.same(flight((p) => (data(p).keepTime = 3601)), { [`${D}.keepTime`]: ILLEGAL });
});
