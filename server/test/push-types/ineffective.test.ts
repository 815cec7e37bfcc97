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
