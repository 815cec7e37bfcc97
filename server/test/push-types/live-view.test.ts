import t from 'tap';
import { PushKitCode, PushType } from '@harmony-push/shared';
import { validatePushKitRequest } from '../../src/push-types';
import { HUAWEI_EXAMPLES, example } from '../helpers/huawei-examples';
import { failingMessages, failingPaths } from '../helpers/push-messages';

/* eslint-disable @typescript-eslint/no-explicit-any -- tests reach deep into example bodies to break them */
type Payload = any;
const ILLEGAL = PushKitCode.ILLEGAL_PAYLOAD;
const D = 'payload.activityData.notificationData';
const C = 'payload.activityData.capsuleData';

const broken = (name: string, change: (payload: Payload) => void) => failingPaths(example(name), (body) => change(body.payload));
const flight = (change: (payload: Payload) => void) => broken('创建实况窗消息 FLIGHT', change);
const taxi = (change: (payload: Payload) => void) => broken('创建实况窗消息 TAXI', change);
const data = (payload: Payload) => payload.activityData.notificationData;
/** Huawei's completed TAXI update, sent as a create. */
function completedTaxiCreate() {
  const completed = example('更新实况窗消息 TAXI, completed');
  completed.body.payload.operation = 0;
  return completed;
}
/** Huawei's SCORE update (layout 7), sent as a create of a completed TAXI, changed by `change`. */
const score = (change: (p: Payload) => void) =>
  broken('更新实况窗消息 SCORE', (p) => {
    Object.assign(p, { operation: 0, event: 'TAXI', status: 'COMPLETED' });
    data(p).contentTitle = '{{status}}';
    change(p);
  });

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
  const completed = completedTaxiCreate();
  t.same(failingPaths(completed, (body: Payload) => delete data(body.payload).descPic), { [`${D}.descPic`]: ILLEGAL });
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

t.test('text totals: 1024 characters fit contentText, 128 the external body; a malformed run counts as no text', async (t) => {
  const E = 'payload.activityData.externalData';
  const external = (body: unknown[]) => flight((p) => (p.activityData.externalData = { title: 'MU1471', body }));
  t.same(taxi((p) => (data(p).contentText = [{ text: '{{status}}' }, { text: 'x'.repeat(1014) }])), {}, '1024 in total');
  t.same(taxi((p) => (data(p).contentTitle = '{{status}}' + 'x'.repeat(1014))), {}, 'a title of 1024');
  t.same(external([{ text: 'x'.repeat(64) }, { text: 'y'.repeat(64) }]), {}, '128 in total');
  t.same(external([{ text: 'x'.repeat(64) }, { text: 'y'.repeat(65) }]), { [`${E}.body`]: ILLEGAL });
  t.same(external([null, { text: 'x'.repeat(120) }, { foregroundColor: '#FF317AF7' }]), {
    [`${E}.body.0`]: ILLEGAL,
    [`${E}.body.2.text`]: ILLEGAL
  });
  t.same(
    external([{ text: 'a', foregroundColor: 5 }, { text: 'b', foregroundColor: '#FF317AF7' }]),
    { [`${E}.body.0.foregroundColor`]: ILLEGAL },
    'a colour that is not a string is not a second colour'
  );
  t.same(external([{ text: 'a', foregroundColor: '#FF317AF7' }, { text: 'b' }]), {}, 'runs without a colour take the one colour');
});

t.test('rich progress: 2 to 5 node icons, progress 0..100, types 0..2', async (t) => {
  t.same(taxi((p) => (data(p).richProgress.nodeIcons = ['a', 'b'])), {});
  t.same(taxi((p) => (data(p).richProgress.nodeIcons = ['a', 'b', 'c', 'd', 'e'])), {});
  t.same(taxi((p) => (data(p).richProgress.nodeIcons = ['a', 'b', 'c', 'd', 'e', 'f'])), { [`${D}.richProgress.nodeIcons`]: ILLEGAL });
  t.same(taxi((p) => Object.assign(data(p).richProgress, { progress: 100, type: 2 })), {});
  t.same(taxi((p) => Object.assign(data(p).richProgress, { progress: -1, type: 3 })), {
    [`${D}.richProgress.progress`]: ILLEGAL,
    [`${D}.richProgress.type`]: ILLEGAL
  });
  t.same(taxi((p) => Object.assign(data(p).richProgress, { indicatorType: 0, indicatorIcon: undefined })), {}, 'no indicator, no icon');
  t.same(taxi((p) => (data(p).richProgress.indicatorType = 2)), {});
});

t.test('the optional blocks of notificationData take their documented fields', async (t) => {
  t.same(
    taxi((p) =>
      Object.assign(data(p), {
        lockScreen: { picture: 'lock.png' },
        weather: { weatherType: 1, locationType: 0, highTemperature: 30, lowTemperature: -5 },
        keepTime: 0,
        style: 1,
        additionalText: 'a',
        backgroundType: 1
      })
    ),
    {}
  );
  t.same(taxi((p) => (data(p).weather = { weatherType: 1.5 })), { [`${D}.weather.weatherType`]: ILLEGAL });
  t.same(taxi((p) => (data(p).style = 2)), { [`${D}.style`]: ILLEGAL });
});

t.test('capsule: progress within max (1 when absent), timer fields', async (t) => {
  const capsule = (fields: object) => flight((p) => Object.assign(p.activityData.capsuleData, fields));
  t.same(capsule({ type: 3, progress: { progress: 1 } }), {});
  t.same(capsule({ type: 3, progress: { progress: 2 } }), { [`${C}.progress.progress`]: ILLEGAL });
  t.same(capsule({ type: 3, progress: { progress: 4, max: 4, indeterminate: false } }), {});
  t.same(capsule({ type: 3, progress: { progress: 0, max: 0 } }), { [`${C}.progress.max`]: ILLEGAL });
  t.same(capsule({ type: 2, capsuleTimer: { time: 0, countDown: true, pause: false } }), {});
  t.same(capsule({ type: 2, capsuleTimer: { time: -1 } }), { [`${C}.capsuleTimer.time`]: ILLEGAL });
  t.same(capsule({ content: 'c'.repeat(128), title: 't'.repeat(128) }), {});
});

t.test('creating: the layout texts that may hold the placeholders', async (t) => {
  const status = (change: (p: Payload) => void) =>
    taxi((p) => {
      data(p).contentTitle = '到达';
      change(p);
    });
  t.same(status((p) => (data(p).contentText[0].text = '{{status}}')), {}, 'a contentText run');
  t.same(status((p) => (data(p).extend = { type: 1, text: '{{status}}' })), {}, 'the extend text');
  const completed = (change: (p: Payload) => void) =>
    broken('更新实况窗消息 TAXI, completed', (p) => {
      Object.assign(p, { operation: 0 });
      data(p).contentTitle = '到达';
      change(p);
    });
  t.same(completed((p) => (data(p).singleTextBlock.firstLine = '{{status}}')), {}, 'layout 4: the single text block');
  t.same(completed((p) => (data(p).singleTextBlock.secondLine = '{{status}}')), {});
  t.same(
    completed((p) => (data(p).firstTextBlock = { firstLine: '{{status}}', secondLine: 'x' })),
    { [`${D}.contentTitle`]: ILLEGAL },
    'layout 4 does not show the first text block'
  );
  const lines = (block: 'firstTextBlock' | 'lastTextBlock', line: 'firstLine' | 'secondLine') =>
    flight((p) => {
      data(p).contentTitle = '航班';
      data(p)[block][line] = '{{status}}';
    });
  t.same(lines('firstTextBlock', 'firstLine'), {}, 'layout 5: both text blocks');
  t.same(lines('firstTextBlock', 'secondLine'), {});
  t.same(lines('lastTextBlock', 'firstLine'), {});
  t.same(lines('lastTextBlock', 'secondLine'), {});
  t.same(
    flight((p) => {
      data(p).contentTitle = '航班';
      data(p).singleTextBlock = { firstLine: '{{status}}', secondLine: 'x' };
    }),
    { [`${D}.contentTitle`]: ILLEGAL },
    'layout 5 does not show the single text block'
  );
});

t.test('creating: rules that only compare, on malformed blocks', async (t) => {
  t.same(flight((p) => (p.activityData.notificationData = null)), { [`${D}`]: ILLEGAL });
  t.same(taxi((p) => (data(p).contentText = 'text')), { [`${D}.contentText`]: ILLEGAL });
  t.same(flight((p) => (data(p).contentText = [null, { text: '{{flightNo}}' }])), { [`${D}.contentText.0`]: ILLEGAL });
  t.same(taxi((p) => (data(p).richProgress = null)), { [`${D}.richProgress`]: ILLEGAL });
  t.same(flight((p) => (p.activityData.externalData = null)), { 'payload.activityData.externalData': ILLEGAL });
  t.same(flight((p) => delete p.activityData.capsuleData), {}, 'the capsule is optional');
  t.same(flight((p) => delete p.activityData), { 'payload.activityData': ILLEGAL });
  t.same(flight((p) => (delete data(p).firstTextBlock, delete data(p).lastTextBlock)), {
    [`${D}.firstTextBlock`]: ILLEGAL,
    [`${D}.lastTextBlock`]: ILLEGAL
  });
  const completed = completedTaxiCreate();
  t.same(failingPaths(completed, (body: Payload) => delete data(body.payload).singleTextBlock), { [`${D}.singleTextBlock`]: ILLEGAL });
  t.same(score((p) => (data(p).game = null)), { [`${D}.game`]: ILLEGAL });
  t.same(score((p) => (data(p).game.host = null)), {
    [`${D}.game.host`]: ILLEGAL,
    [`${D}.game.host.icon`]: ILLEGAL,
    [`${D}.game.host.name`]: ILLEGAL,
    [`${D}.game.host.score`]: ILLEGAL
  });
  t.same(score((p) => delete data(p).game.competition), {
    [`${D}.game.competition`]: ILLEGAL,
    [`${D}.game.competition.time`]: ILLEGAL,
    [`${D}.game.competition.desc`]: ILLEGAL
  });
  t.same(score((p) => (data(p).game.competition = { richDesc: 'Q4', time: '02:16' })), {
    [`${D}.game.competition.richDesc`]: ILLEGAL,
    [`${D}.game.competition.desc`]: ILLEGAL
  });
  t.same(score((p) => (data(p).game.competition = { richDesc: [null, { text: 'Q4' }], time: '02:16' })), {
    [`${D}.game.competition.richDesc.0`]: ILLEGAL
  });
  t.same(score((p) => (data(p).game.competition = { richDesc: [{ text: 4 }, { text: 'Q4', foregroundColor: 3 }], time: '02:16' })), {
    [`${D}.game.competition.richDesc.0.text`]: ILLEGAL,
    [`${D}.game.competition.richDesc.1.foregroundColor`]: ILLEGAL
  }, 'runs without a text or colour of the right type are refused, not counted');
  t.same(score((p) => (data(p).game.competition = { richDesc: [{ text: '' }, { text: '' }], time: '02:16' })), {
    [`${D}.game.competition.desc`]: ILLEGAL
  }, 'empty runs are no description');
});

t.test('creating: the capsule texts per capsule type, TRAIN layouts, statuses only when given', async (t) => {
  const capsule = (fields: object) =>
    flight((p) => {
      delete p.activityData.capsuleData.title;
      delete p.activityData.capsuleData.content;
      Object.assign(p.activityData.capsuleData, fields);
    });
  t.same(capsule({ type: 2, capsuleTimer: { time: 60 } }), { [`${C}.content`]: ILLEGAL }, 'a timer needs content, no title');
  t.same(capsule({ type: 3, progress: { progress: 1 } }), {}, 'a progress capsule needs neither');
  t.same(broken('创建实况窗消息 TRAIN', (p) => (data(p).type = 3)), { [`${D}.type`]: ILLEGAL, [`${D}.richProgress`]: ILLEGAL });
  t.same(broken('创建实况窗消息 TRAIN', (p) => (p.status = 'BOARDED')), { 'payload.status': ILLEGAL }, 'a FLIGHT status for TRAIN');
  t.same(broken('更新实况窗消息 FLIGHT', (p) => delete p.status), {}, 'an update needs no status');
});

t.test('trigger and geofence: the documented bounds are included', async (t) => {
  const withTrigger = (condition: object, displayTime = 1800) =>
    flight((p) => Object.assign(p, { operation: 4, trigger: { type: 1, condition, displayTime } }));
  const base = { coordinateSystemType: 1, monitorEvent: 2, delayTime: 300 };
  t.same(withTrigger({ ...base, longitude: 180, latitude: -90, radius: 2000 }), {});
  t.same(withTrigger({ ...base, longitude: -180, latitude: 90, radius: 200 }, 15), {});
  t.same(withTrigger({ ...base, longitude: 180.5, latitude: -90.5, radius: 2001 }, 1801), {
    'payload.trigger.condition.longitude': ILLEGAL,
    'payload.trigger.condition.latitude': ILLEGAL,
    'payload.trigger.condition.radius': ILLEGAL,
    'payload.trigger.displayTime': ILLEGAL
  });
});

t.test('each broken rule says what is wrong in words the sender can act on', async (t) => {
  const said = (name: string, change: (p: Payload) => void) => failingMessages(example(name), (body) => change(body.payload));
  const flightSaid = (change: (p: Payload) => void) => said('创建实况窗消息 FLIGHT', change);
  /** A geofence trigger (operation 4) whose condition has these bounds. */
  const geofence = (bounds: { longitude: number; latitude: number; radius: number }) =>
    flightSaid((p) => Object.assign(p, { operation: 4, trigger: { type: 1, condition: { ...bounds, coordinateSystemType: 1, monitorEvent: 1 } } }));
  const taxiSaid = (change: (p: Payload) => void) => said('创建实况窗消息 TAXI', change);
  const scoreSaid = (change: (p: Payload) => void) => said('更新实况窗消息 SCORE', change);
  t.same(
    taxiSaid((p) => {
      data(p).contentTitle = '{{status}}' + 'x'.repeat(1015);
      data(p).contentText.push({ text: 'y'.repeat(1020), foregroundColor: '#FF000000' });
    }),
    [
      `${D}.contentTitle: must be at most 1024 characters`,
      `${D}.contentText: must hold at most 1024 characters of text in total`,
      `${D}.contentText: must use one foregroundColor for every run`
    ]
  );
  t.same(
    taxiSaid((p) => {
      data(p).richProgress.nodeIcons = [];
      data(p).extend = { type: 2 };
    }),
    [
      `${D}.richProgress.nodeIcons: must have 2 to 5 icons`,
      `${D}.extend.text: is required (non-empty) with extend type 1 or 2`,
      `${D}.richProgress.nodeIcons: is required on create`
    ]
  );
  t.same(
    taxiSaid((p) => {
      data(p).richProgress.nodeIcons = ['a', 'b', 'c', 'd', 'e', 'f'];
      data(p).extend = { type: 4, image: '' };
    }),
    [`${D}.richProgress.nodeIcons: must have 2 to 5 icons`, `${D}.extend.image: image (or pic) is required (non-empty) with extend type 3 or 4`]
  );
  t.same(
    scoreSaid((p) => {
      data(p).type = 3;
      Object.assign(p.activityData.capsuleData, { type: 3, bgColor: '#FFFFFFFF', progress: { progress: 2 } });
    }),
    [
      `${D}.richProgress: is required with layout type 3`,
      `${C}.bgColor: must not be #FF000000, #FFFFFFFF, #FFF1F3F5`,
      `${C}.progress.progress: must not exceed max (default 1)`
    ]
  );
  t.same(
    scoreSaid((p) => {
      Object.assign(p.activityData.capsuleData, { type: 2 });
      Object.assign(p, { operation: 0, event: 'DELIVERY' });
    }),
    [
      `${C}.capsuleTimer: is required with capsule type 2`,
      'payload.event: cannot be created over REST; creatable: FLIGHT, TAXI, TRAIN, EXPRESS, CHECK_IN',
      'payload.status: is required (non-empty) on create',
      `${D}.contentTitle: {{status}} must appear at least once in the layout's texts on create`
    ]
  );
  t.same(scoreSaid((p) => (p.activityData.capsuleData.type = 3)), [`${C}.progress: is required with capsule type 3`]);
  t.same(
    said('更新实况窗消息 TAXI, completed', (p) => (p.status = 'LATE')),
    ['payload.status: must be a TAXI status: CALLING, ABOUT_TO_BEGIN, DRIVER_ON_THE_WAY, DRIVER_ARRIVE, HEADING_TO_DESTINATION, COMPLETED, RE_CALLING, CANCELED']
  );
  t.same(flightSaid((p) => (data(p).type = 9)), [`${D}.type: must be one of -1, 3, 4, 5, 7 on create`]);
  t.same(scoreSaid((p) => (data(p).type = 7.5)), [`${D}.type: must be an integer`]);
  t.same(
    flightSaid((p) => {
      data(p).type = 3;
      data(p).richProgress = { progress: 1, indicatorType: 2 };
    }),
    [
      `${D}.type: FLIGHT is created with layout 5 or -1`,
      `${D}.richProgress.nodeIcons: is required on create`,
      `${D}.richProgress.indicatorIcon: is required (non-empty) on create with indicatorType 1 or 2`
    ]
  );
  t.same(
    flightSaid((p) => {
      delete data(p).spaceIcon;
      delete data(p).keywords;
      data(p).contentText = [];
      data(p).contentTitle = '';
    }),
    [
      `${D}.contentTitle: is required (non-empty) on create`,
      `${D}.contentText: is required (non-empty) on create`,
      `${D}.contentTitle: {{status}} must appear at least once in the layout's texts on create`,
      `${D}.contentTitle: {{flightNo}} must appear at least once in the layout's texts on create`,
      `${D}.keywords.flightNo: is required (non-empty) on create of FLIGHT`,
      `${D}.spaceIcon: is required (non-empty) on create with layout 5 and spaceType 0`
    ]
  );
  t.same(
    flightSaid((p) => {
      data(p).spaceType = 1;
      Object.assign(p.activityData.capsuleData, { title: '', content: '' });
      p.activityData.externalData = { type: 1, body: [] };
    }),
    [
      `${D}.spaceText: is required (non-empty) on create with spaceType 1`,
      `${C}.title: is required (non-empty) on create with capsule type 1`,
      `${C}.content: is required (non-empty) on create with capsule type 1 or 2`,
      'payload.activityData.externalData.title: is required (non-empty) on create',
      'payload.activityData.externalData.body: is required (non-empty) on create',
      'payload.activityData.externalData.bgImage: is required (non-empty) on create with type 1'
    ]
  );
  const completed = completedTaxiCreate();
  t.same(failingMessages(completed, (body: Payload) => delete data(body.payload).descPic), [
    `${D}.descPic: is required (non-empty) on create with layout 4`
  ]);
  t.same(
    scoreSaid((p) => {
      Object.assign(p, { operation: 0, event: 'TAXI', status: 'COMPLETED' });
      data(p).contentTitle = '{{status}}';
      data(p).game = { host: { icon: 'h.png', name: 'A', score: '1' }, guest: { icon: 'g.png', name: 'B' }, competition: {} };
    }),
    [
      `${D}.game.guest.score: is required (non-empty) on create`,
      `${D}.game.competition.time: is required (non-empty) on create`,
      `${D}.game.competition.desc: desc or richDesc is required (non-empty) on create`
    ]
  );
  t.same(
    geofence({ longitude: 181, latitude: -91, radius: 2001 }),
    [
      'payload.trigger.condition.longitude: must be from -180 to 180',
      'payload.trigger.condition.latitude: must be from -90 to 90',
      'payload.trigger.condition.radius: must be from 200 to 2000 m'
    ]
  );
  t.same(
    geofence({ longitude: -181, latitude: 91, radius: 199 }),
    [
      'payload.trigger.condition.longitude: must be from -180 to 180',
      'payload.trigger.condition.latitude: must be from -90 to 90',
      'payload.trigger.condition.radius: must be from 200 to 2000 m'
    ]
  );
});

t.test("a create is held to its own layout's fields only: a progress or score block beside another layout is not", async (t) => {
  // FLIGHT's create is layout 5 (left and right texts): an incomplete richProgress or game block does not make it a
  // progress (3) or score (7) layout, whose create rules ask for node icons and both teams.
  t.same(flight((p) => (data(p).richProgress = { progress: 10 })), {});
  t.same(flight((p) => (data(p).game = { host: { name: 'A' }, guest: { name: 'B' }, competition: {} })), {});
});
