import t from 'tap';
import { InvalidTokenReason, PushKitCode, PushType } from '@harmony-push/shared';
import { validatePushMessage } from '../../src/push-types';
import { evenWithOtherIssues } from '../../src/push-types/issues';

const shown = { category: 'IM', title: 't', body: 'b', clickAction: { actionType: 0 } };

t.test('each issue: the dotted path, the message, and what Push Kit answers', async (t) => {
  t.same(validatePushMessage(PushType.ALERT, { payload: { notification: { ...shown, tilte: 'typo', subtitle: 's' } } }), [
    { path: 'payload.notification.tilte', message: 'is not a Push Kit field', code: PushKitCode.ILLEGAL_PAYLOAD },
    { path: 'payload.notification.subtitle', message: 'is not a Push Kit field', code: PushKitCode.ILLEGAL_PAYLOAD }
  ], 'one issue per unknown field');
  t.same(validatePushMessage(PushType.ALERT, { payload: { notification: { ...shown, category: 'PLAY_VOICE' } } }), [
    {
      path: 'payload.notification.category',
      message: 'PLAY_VOICE is only sent with push-type 2 (voice broadcast)',
      code: PushKitCode.ALL_TOKENS_INVALID,
      tokenReason: InvalidTokenReason.NOT_SUPPORT_PLAY_VOICE
    }
  ], 'accepted, then refused for every token');
  t.same(validatePushMessage(PushType.BACKGROUND, { payload: { extraData: 'x'.repeat(5000) } }), [
    { path: 'payload', message: 'the message is 5050 bytes without tokens; at most 4096', code: PushKitCode.MESSAGE_TOO_LARGE }
  ], 'a refused request has no token reason');
  t.same(validatePushMessage(PushType.ALERT, { payload: { notification: { ...shown, style: 3 } } }), [
    { path: 'payload.notification.inboxContent', message: 'is required with style 3', code: PushKitCode.ILLEGAL_PAYLOAD }
  ], 'a broken cross-field rule is an illegal payload');
});

t.test('cross-field rules run on objects only', async (t) => {
  t.equal(evenWithOtherIssues.when({ value: {} }), true);
  t.equal(evenWithOtherIssues.when({ value: null }), false);
  t.equal(evenWithOtherIssues.when({ value: 'text' }), false);
});
