import t from 'tap';
import { PushType } from '@harmony-push/shared';
import type { OutgoingMessage } from '../../src/pushkit/sender';
import { dropIneffectiveFields } from '../../src/push-types';

const notification = { category: 'WORK', title: 't', body: 'b', clickAction: { actionType: 0 } };

t.test('fields without effect are dropped, each with a warning; the rest is kept', async (t) => {
  const alert = dropIneffectiveFields({
    pushType: PushType.ALERT,
    payload: { notification: { ...notification, soundDuration: 5, overlayIcon: 'https://e.com/o.png' } },
    pushOptions: { collapseKey: 2, backgroundMode: 1, ttl: 60 }
  } as OutgoingMessage);
  t.same(alert.warnings.map((w) => w.path), ['pushOptions.backgroundMode', 'payload.notification.soundDuration', 'payload.notification.overlayIcon']);
  t.same(alert.message.pushOptions, { collapseKey: 2, ttl: 60 });
  t.same((alert.message.payload as { notification: object }).notification, notification);

  const background = dropIneffectiveFields({ pushType: PushType.BACKGROUND, payload: { extraData: 'x' }, pushOptions: { collapseKey: 1 } } as OutgoingMessage);
  t.same(background.warnings.map((w) => w.path), ['pushOptions.collapseKey']);
  t.equal(background.message.pushOptions, undefined, 'an emptied pushOptions is left out');

  const kept = { pushType: PushType.ALERT, payload: { notification: { ...notification, category: 'IM', overlayIcon: 'https://e.com/o.png', sound: 'a.mp3', soundDuration: 3 } } };
  const same = dropIneffectiveFields(kept as OutgoingMessage);
  t.same(same.warnings, []);
  t.equal(same.message, kept, 'nothing to drop: the message itself');
});

t.test('each warning says why the field was not sent', async (t) => {
  const { warnings } = dropIneffectiveFields({
    pushType: PushType.VOIP_CALL,
    payload: { extraData: 'x' },
    pushOptions: { collapseKey: 1, backgroundMode: 0 }
  } as OutgoingMessage);
  t.same(warnings, [
    { path: 'pushOptions.collapseKey', message: 'has no effect outside push-types 0 and 2: not sent' },
    { path: 'pushOptions.backgroundMode', message: 'has no effect outside push-type 6: not sent' }
  ]);
  const alert = dropIneffectiveFields({
    pushType: PushType.ALERT,
    payload: { notification: { ...notification, soundDuration: 5, overlayIcon: 'https://e.com/o.png' } }
  } as OutgoingMessage);
  t.same(alert.warnings, [
    { path: 'payload.notification.soundDuration', message: 'takes effect only with sound: not sent' },
    { path: 'payload.notification.overlayIcon', message: 'is shown only for category IM, VOIP or MISS_CALL: not sent' }
  ]);
  t.notOk('pushOptions' in alert.message, 'a message without pushOptions gets none');
});

t.test('what is dropped depends on the push-type', async (t) => {
  const voice = dropIneffectiveFields({
    pushType: PushType.EXTENSION,
    payload: { notification: { ...notification, category: 'PLAY_VOICE', soundDuration: 5 }, extraData: 'x' },
    pushOptions: { collapseKey: 1 }
  } as OutgoingMessage);
  t.same(voice.warnings.map((w) => w.path), ['payload.notification.soundDuration'], 'collapseKey works for push-type 2');
  t.same(voice.message.pushOptions, { collapseKey: 1 });
  t.same(voice.message.payload, { notification: { ...notification, category: 'PLAY_VOICE' }, extraData: 'x' });

  const background = dropIneffectiveFields({ pushType: PushType.BACKGROUND, payload: { extraData: 'x' }, pushOptions: { backgroundMode: 1 } } as OutgoingMessage);
  t.same(background.warnings, [], 'backgroundMode works for push-type 6');
  const call = dropIneffectiveFields({ pushType: PushType.VOIP_CALL, payload: { extraData: 'x' } } as OutgoingMessage);
  t.same(call.warnings, [], 'nothing to drop without pushOptions');

  const soundless = { notification: { ...notification, category: 'VOIP', overlayIcon: 'https://e.com/o.png', soundDuration: 5 } };
  const voip = dropIneffectiveFields({ pushType: PushType.ALERT, payload: soundless } as OutgoingMessage);
  t.same(voip.message.payload, { notification: { ...notification, category: 'VOIP', overlayIcon: 'https://e.com/o.png' } });
  t.same(soundless.notification.soundDuration, 5, 'the caller\'s message is left as it was');
  const missCall = dropIneffectiveFields({ pushType: PushType.ALERT, payload: { notification: { ...notification, category: 'MISS_CALL', overlayIcon: 'https://e.com/o.png' } } } as OutgoingMessage);
  t.same(missCall.warnings, []);
});
