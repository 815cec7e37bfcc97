import t from 'tap';
import { PushKitCode, PushType } from '@harmony-push/shared';
import { validatePushMessage } from '../../src/push-types';
import { messageIssues } from '../helpers/push-messages';

const ILLEGAL = PushKitCode.ILLEGAL_PAYLOAD;
const withOptions = (pushOptions: unknown, pushType = PushType.ALERT) =>
  messageIssues(pushType, {
    payload: { notification: { category: 'IM', title: 't', body: 'b', clickAction: { actionType: 0 } } },
    pushOptions
  });

t.test('all options are optional', async (t) => {
  t.same(withOptions({}), {});
  t.same(withOptions({ testMessage: true, ttl: 1_296_000, biTag: 'b'.repeat(64), receiptId: 'r1', collapseKey: 100 }), {});
});

t.test('ttl: whole seconds, at most 15 days; below 1 s the expiry is in the past (80100004)', async (t) => {
  t.same(withOptions({ ttl: 1_296_001 }), { 'pushOptions.ttl': ILLEGAL });
  t.same(withOptions({ ttl: 1.5 }), { 'pushOptions.ttl': ILLEGAL });
  t.same(withOptions({ ttl: 1 }), {}, 'exactly the minimum is sent');
  t.same(withOptions({ ttl: 0 }), { 'pushOptions.ttl': PushKitCode.ILLEGAL_EXPIRE_TIME });
  t.same(withOptions({ ttl: -30 }), { 'pushOptions.ttl': PushKitCode.ILLEGAL_EXPIRE_TIME });
});

t.test('biTag is at most 64 bytes (UTF-8), not characters', async (t) => {
  t.same(withOptions({ biTag: '标'.repeat(21) }), {}, '63 bytes');
  t.same(withOptions({ biTag: '标'.repeat(22) }), { 'pushOptions.biTag': ILLEGAL }, '66 bytes, 22 characters');
});

t.test('collapseKey is -1..100 (without effect outside push-types 0 and 2: dropped with a warning, not refused)', async (t) => {
  t.same(withOptions({ collapseKey: -1 }), {});
  t.same(withOptions({ collapseKey: -2 }), { 'pushOptions.collapseKey': ILLEGAL });
  t.same(withOptions({ collapseKey: 101 }), { 'pushOptions.collapseKey': ILLEGAL });
  t.same(
    withOptions({ collapseKey: 1 }, PushType.BACKGROUND),
    { 'payload.extraData': ILLEGAL, 'payload.notification': ILLEGAL },
    'the alert payload is wrong for push-type 6 as well'
  );
});

t.test('backgroundMode is 0 or 1 (without effect outside push-type 6: dropped with a warning)', async (t) => {
  t.same(withOptions({ backgroundMode: 1 }), {});
  t.same(messageIssues(PushType.BACKGROUND, { payload: { extraData: 'x' }, pushOptions: { backgroundMode: 2 } }), {
    'pushOptions.backgroundMode': ILLEGAL
  });
});

t.test('unknown options are named', async (t) => {
  t.same(withOptions({ priority: 'HIGH' }), { 'pushOptions.priority': ILLEGAL });
});

t.test('each broken option says what is wrong in words the sender can act on', async (t) => {
  const message = (pushOptions: Record<string, unknown>) =>
    validatePushMessage(PushType.ALERT, {
      payload: { notification: { category: 'IM', title: 't', body: 'b', clickAction: { actionType: 0 } } },
      pushOptions
    }).map((issue) => `${issue.path} ${issue.message}`);
  t.same(message({ ttl: 1.5 }), ['pushOptions.ttl must be an integer']);
  t.same(message({ ttl: 1_296_001 }), ['pushOptions.ttl must be at most 1296000 s (15 days)']);
  t.same(message({ ttl: 0 }), ['pushOptions.ttl must be at least 1 s: the message would expire before it is sent']);
  t.same(message({ biTag: '标'.repeat(22) }), ['pushOptions.biTag must be at most 64 bytes']);
  t.same(message({ receiptId: '' }), ['pushOptions.receiptId must not be empty']);
});
