import t from 'tap';
import { PushType } from '@harmony-push/shared';
import { Inbox, type DeviceMessage } from '../../src/emulator/inbox';

const message = (n: number): DeviceMessage => ({
  requestId: String(n),
  receivedAt: new Date(n).toISOString(),
  pushType: PushType.BACKGROUND,
  payload: { extraData: String(n) },
  shown: true
});
const ids = (messages: DeviceMessage[]) => messages.map((m) => m.requestId);

t.test('keeps the newest per device', async (t) => {
  const inbox = new Inbox({ perDevice: 2, total: 100 });
  for (const n of [1, 2, 3]) inbox.add('a', message(n));
  t.same(ids(inbox.list('a')), ['2', '3']);
  t.equal(inbox.size, 2);
  t.same(inbox.list('nobody'), []);
});

t.test('over the global cap, the device written to least recently loses its oldest first', async (t) => {
  const inbox = new Inbox({ perDevice: 10, total: 4 });
  inbox.add('a', message(1));
  inbox.add('b', message(2));
  inbox.add('a', message(3));
  inbox.add('c', message(4));
  inbox.add('c', message(5));
  t.same([ids(inbox.list('a')), ids(inbox.list('b')), ids(inbox.list('c'))], [['1', '3'], [], ['4', '5']], 'b was stalest');
  inbox.add('b', message(6));
  t.same([ids(inbox.list('a')), ids(inbox.list('b')), ids(inbox.list('c'))], [['3'], ['6'], ['4', '5']]);
  t.equal(inbox.size, 4);
});

t.test('a listing is a copy', async (t) => {
  const inbox = new Inbox({ perDevice: 2, total: 2 });
  inbox.add('a', message(1));
  inbox.list('a').pop();
  t.equal(inbox.list('a').length, 1);
});

t.test('remove takes out what matches and keeps the count', async (t) => {
  const inbox = new Inbox({ perDevice: 10, total: 3 });
  for (const n of [1, 2, 3]) inbox.add('a', message(n));
  t.equal(inbox.remove('a', (m) => m.requestId === '2'), 1);
  t.equal(inbox.remove('nobody', () => true), 0);
  t.same(ids(inbox.list('a')), ['1', '3']);
  t.equal(inbox.size, 2);
  inbox.add('b', message(4));
  inbox.add('b', message(5));
  t.same([ids(inbox.list('a')), ids(inbox.list('b'))], [['3'], ['4', '5']], 'the cap counts what is left');
  t.equal(inbox.remove('a', () => true), 1);
  t.equal(inbox.size, 2);
});
