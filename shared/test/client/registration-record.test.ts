import t from 'tap';
import { RECORD_KEY, RegistrationRecords } from '../../src/index';
import { MemoryStore } from './fakes';

const TOKEN = 'MAAALgE4G98BAAAAfirst-token-0123456789abcdefghijklmnopqrstuvwxyz';

async function loaded(stored: string | undefined) {
  const store = new MemoryStore();
  if (stored !== undefined) store.values.set(RECORD_KEY, stored);
  return new RegistrationRecords(store).load();
}

t.test('no stored record is an empty one', async (t) => {
  t.same(await loaded(undefined), { pendingRemovals: [] });
});

t.test('a record round-trips through the store as one JSON value', async (t) => {
  const store = new MemoryStore();
  const records = new RegistrationRecords(store);
  const record = { token: TOKEN, uploadedAt: 1_700_000_000_000, profile: '["phone",12,"1.0.0",true]', pendingRemovals: ['old'] };
  await records.save(record);
  t.same(JSON.parse(store.values.get(RECORD_KEY)!), record);
  t.same(await records.load(), record);
});

t.test('the record stays under the key earlier versions of the app wrote it to, so an app update finds it', async (t) => {
  const record = { token: TOKEN, uploadedAt: 1_700_000_000_000, profile: '["phone",12,"1.0.0",true]', pendingRemovals: ['old'] };
  const store = new MemoryStore();
  store.values.set('harmony-push.registration', JSON.stringify(record));
  t.same(await new RegistrationRecords(store).load(), record);
});

t.test('a record that cannot be read counts as none: at worst one extra upload', async (t) => {
  for (const stored of ['', '{', 'null', '42', '"text"', 'true']) {
    t.same(await loaded(stored), { pendingRemovals: [] }, JSON.stringify(stored));
  }
});

t.test('a token without uploadedAt (or with one of another type) is forgotten, pending removals kept', async (t) => {
  t.same(await loaded(JSON.stringify({ token: TOKEN, pendingRemovals: ['a'] })), { pendingRemovals: ['a'] });
  t.same(await loaded(JSON.stringify({ token: TOKEN, uploadedAt: '1700000000000', pendingRemovals: [] })), { pendingRemovals: [] });
  t.same(await loaded(JSON.stringify({ token: 42, uploadedAt: 1, pendingRemovals: [] })), { pendingRemovals: [] });
  t.same(await loaded(JSON.stringify({ uploadedAt: 1, pendingRemovals: [] })), { pendingRemovals: [] });
});

t.test('a profile that is not text is dropped, so the next start uploads again', async (t) => {
  const record = await loaded(JSON.stringify({ token: TOKEN, uploadedAt: 5, profile: 7, pendingRemovals: [] }));
  t.same(record, { token: TOKEN, uploadedAt: 5, profile: undefined, pendingRemovals: [] });
});

t.test('pending removals must be a list of strings, or none are kept', async (t) => {
  for (const pendingRemovals of [undefined, 'a', [1], ['a', null], { 0: 'a' }]) {
    t.same(await loaded(JSON.stringify({ token: TOKEN, uploadedAt: 5, profile: 'p', pendingRemovals })),
      { token: TOKEN, uploadedAt: 5, profile: 'p', pendingRemovals: [] }, JSON.stringify(pendingRemovals));
  }
});
