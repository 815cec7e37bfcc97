import t from 'tap';
import { PushKitCode, PushType } from '@harmony-push/shared';
import { validatePushKitRequest, validatePushMessage } from '../../src/push-types';
import { HUAWEI_EXAMPLES, example, type HuaweiExample } from '../helpers/huawei-examples';
import { failingPaths, messageIssues } from '../helpers/push-messages';

type Fields = Record<string, unknown>;
const notificationOf = (body: HuaweiExample['body']): Fields => body.payload.notification as Fields;
const ILLEGAL = PushKitCode.ILLEGAL_PAYLOAD;
const P = 'payload.notification';

/** Breaks the plain notification example of Huawei's reference and returns its failing paths. */
const broken = (change: (notification: Fields) => void) =>
  failingPaths(example('通知消息 (category'), (body) => change(notificationOf(body)));

t.test("every alert example of Huawei's documentation is valid", async (t) => {
  for (const { name, pushType, body } of HUAWEI_EXAMPLES.filter((e) => e.pushType === PushType.ALERT)) {
    t.same(validatePushKitRequest(pushType, body), [], name);
  }
});

t.test('category, title, body and clickAction are required', async (t) => {
  t.same(
    broken((n) => {
      delete n.category;
      delete n.title;
      delete n.body;
      delete n.clickAction;
    }),
    { [`${P}.category`]: ILLEGAL, [`${P}.title`]: ILLEGAL, [`${P}.body`]: ILLEGAL, [`${P}.clickAction`]: ILLEGAL }
  );
  t.same(messageIssues(PushType.ALERT, { payload: {} }), { [P]: ILLEGAL }, 'notification is required');
});

t.test('a badge-only update carries nothing but badge', async (t) => {
  t.same(messageIssues(PushType.ALERT, { payload: { notification: { badge: { addNum: 1 } } } }), {});
  t.same(messageIssues(PushType.ALERT, { payload: { notification: { badge: { setNum: 1 }, notifyId: 3, foregroundShow: false } } }), {
    [`${P}.notifyId`]: ILLEGAL,
    [`${P}.foregroundShow`]: ILLEGAL
  });
  t.same(
    messageIssues(PushType.ALERT, { payload: { notification: { badge: { setNum: 1 }, title: 'only a title' } } }),
    { [`${P}.category`]: ILLEGAL, [`${P}.body`]: ILLEGAL, [`${P}.clickAction`]: ILLEGAL },
    'with a title it is a notification again'
  );
  t.same(
    messageIssues(PushType.ALERT, { payload: { notification: { badge: { setNum: 1 }, body: 'only a body' } } }),
    { [`${P}.category`]: ILLEGAL, [`${P}.title`]: ILLEGAL, [`${P}.clickAction`]: ILLEGAL },
    'with a body too'
  );
});

t.test('badge numbers stay within their ranges', async (t) => {
  t.same(broken((n) => (n.badge = { addNum: 0 })), { [`${P}.badge.addNum`]: ILLEGAL });
  t.same(broken((n) => (n.badge = { addNum: 100 })), { [`${P}.badge.addNum`]: ILLEGAL });
  t.same(broken((n) => (n.badge = { setNum: -1 })), { [`${P}.badge.setNum`]: ILLEGAL });
  t.same(broken((n) => (n.badge = { setNum: 100 })), { [`${P}.badge.setNum`]: ILLEGAL });
  t.same(broken((n) => (n.badge = { setNum: 0, addNum: 99 })), {});
});

t.test('styles: no 2, big text needs bigTitle and bigBody, inbox needs 1 to 3 lines of at most 1024', async (t) => {
  t.same(broken((n) => (n.style = 2)), { [`${P}.style`]: ILLEGAL });
  t.same(broken((n) => (n.style = 1)), { [`${P}.bigTitle`]: ILLEGAL, [`${P}.bigBody`]: ILLEGAL });
  t.same(broken((n) => Object.assign(n, { style: 1, bigTitle: 'T', bigBody: 'B' })), {});
  t.same(broken((n) => (n.style = 3)), { [`${P}.inboxContent`]: ILLEGAL });
  t.same(broken((n) => Object.assign(n, { style: 3, inboxContent: ['1', '2', '3', '4'] })), { [`${P}.inboxContent`]: ILLEGAL });
  t.same(broken((n) => Object.assign(n, { style: 3, inboxContent: ['x'.repeat(1025)] })), { [`${P}.inboxContent.0`]: ILLEGAL });
  t.same(broken((n) => Object.assign(n, { style: 3, inboxContent: ['x'.repeat(1024)] })), {});
});

t.test('clickAction: actionType 0 or 1 only, and 1 needs action or uri', async (t) => {
  t.same(broken((n) => (n.clickAction = { actionType: 3 })), { [`${P}.clickAction.actionType`]: ILLEGAL });
  t.same(broken((n) => (n.clickAction = { actionType: 5, data: { tel: '123' } })), { [`${P}.clickAction.actionType`]: ILLEGAL });
  t.same(broken((n) => (n.clickAction = { actionType: 1 })), { [`${P}.clickAction.action`]: ILLEGAL });
  t.same(broken((n) => (n.clickAction = { actionType: 1, uri: 'https://www.xxx.com:8080/push/test' })), {});
  t.same(broken((n) => (n.clickAction = { actionType: 0, data: { nested: { a: 1 } } })), {}, 'data is a JSON object');
});

t.test('appMessageId, profileId, notifyId', async (t) => {
  t.same(broken((n) => (n.appMessageId = 'aZ09+/=-_ \t')), {});
  t.same(broken((n) => (n.appMessageId = '')), { [`${P}.appMessageId`]: ILLEGAL });
  t.same(broken((n) => (n.appMessageId = 'x'.repeat(65))), { [`${P}.appMessageId`]: ILLEGAL });
  t.same(broken((n) => (n.appMessageId = 'no!')), { [`${P}.appMessageId`]: ILLEGAL });
  t.same(broken((n) => (n.profileId = 'p'.repeat(65))), { [`${P}.profileId`]: ILLEGAL });
  t.same(broken((n) => (n.notifyId = -1)), {});
  t.same(broken((n) => (n.notifyId = -2)), { [`${P}.notifyId`]: ILLEGAL });
  t.same(broken((n) => (n.notifyId = 2_147_483_648)), { [`${P}.notifyId`]: ILLEGAL });
  t.same(broken((n) => (n.notifyId = 1.5)), { [`${P}.notifyId`]: ILLEGAL });
});

t.test('soundDuration 1..60 (without sound it has no effect: dropped with a warning, not refused)', async (t) => {
  t.same(broken((n) => (n.soundDuration = 10)), {});
  t.same(broken((n) => Object.assign(n, { sound: 'a.mp3', soundDuration: 61 })), { [`${P}.soundDuration`]: ILLEGAL });
  t.same(broken((n) => Object.assign(n, { sound: 'a.mp3', soundDuration: 0 })), { [`${P}.soundDuration`]: ILLEGAL });
});

t.test('images are HTTPS URLs; overlayIcon outside IM, VOIP and MISS_CALL has no effect (warned, not refused)', async (t) => {
  t.same(broken((n) => (n.image = 'http://example.com/a.png')), { [`${P}.image`]: ILLEGAL });
  t.same(broken((n) => (n.overlayIcon = 'https://example.com/o.png')), {});
  for (const category of ['IM', 'VOIP', 'MISS_CALL']) {
    t.same(broken((n) => Object.assign(n, { category, overlayIcon: 'https://example.com/o.png' })), {}, category);
  }
});

t.test('enums: category and priorityScene', async (t) => {
  t.same(broken((n) => (n.category = 'NEWS')), { [`${P}.category`]: ILLEGAL });
  t.same(broken((n) => (n.priorityScene = 'AT_ME')), {});
  t.same(broken((n) => (n.priorityScene = 'LOUD')), { [`${P}.priorityScene`]: ILLEGAL });
});

t.test('PLAY_VOICE with push-type 0 is refused for every token, not as a payload error', async (t) => {
  t.same(broken((n) => (n.category = 'PLAY_VOICE')), { [`${P}.category`]: 'notSupportPlayVoice' });
});

t.test('a misspelt field is named, and every failing path comes back at once', async (t) => {
  t.same(
    broken((n) => {
      n.tilte = 'typo';
      n.title = 7;
      n.style = 3;
      n.badge = { addNum: 0 };
    }),
    {
      [`${P}.tilte`]: ILLEGAL,
      [`${P}.title`]: ILLEGAL,
      [`${P}.inboxContent`]: ILLEGAL,
      [`${P}.badge.addNum`]: ILLEGAL
    }
  );
});

t.test('each broken rule says what is wrong in words the sender can act on', async (t) => {
  const messages = (notification: Fields) =>
    Object.fromEntries(validatePushMessage(PushType.ALERT, { payload: { notification } }).map((issue) => [issue.path, issue.message]));
  t.same(messages({ badge: { setNum: 1 }, notifyId: 3 }), {
    [`${P}.notifyId`]: 'a badge-only update carries nothing but badge (and category)'
  });
  t.same(messages({ style: 1, appMessageId: 'no!' }), {
    [`${P}.appMessageId`]: 'must be 1 to 64 letters, digits, whitespace or + / = - _',
    [`${P}.category`]: 'is required',
    [`${P}.title`]: 'is required',
    [`${P}.body`]: 'is required',
    [`${P}.clickAction`]: 'is required',
    [`${P}.bigTitle`]: 'is required with style 1',
    [`${P}.bigBody`]: 'is required with style 1'
  });
  const shown = { category: 'IM', title: 't', body: 'b', clickAction: { actionType: 0 } };
  t.same(messages({ ...shown, style: 3 }), { [`${P}.inboxContent`]: 'is required with style 3' });
  t.same(messages({ ...shown, style: 3, inboxContent: [] }), { [`${P}.inboxContent`]: 'must have 1 to 3 lines' });
  t.same(messages({ ...shown, style: 3, inboxContent: ['1', '2', '3', '4'] }), { [`${P}.inboxContent`]: 'must have 1 to 3 lines' });
  t.same(messages({ ...shown, sound: '' }), { [`${P}.sound`]: 'must not be empty' });
  t.same(messages({ ...shown, category: 'PLAY_VOICE' }), {
    [`${P}.category`]: 'PLAY_VOICE is only sent with push-type 2 (voice broadcast)'
  });
});
