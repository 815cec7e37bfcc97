import t from 'tap';
import { maskToken, type TokenPage } from '@harmony-push/shared';
import { ExitCode } from '../../src/cli/exit-codes';
import { tokenQuery } from '../../src/cli/tokens';
import { cli } from '../helpers/cli';
import { ADMIN_KEY, APP_KEY, startTestService } from '../helpers/service';
import { tokenOf } from '../helpers/tokens';

const svc = await startTestService(t);
const server = await svc.listen();
const env = { HARMONY_PUSH_URL: server, HARMONY_PUSH_ADMIN_KEY: ADMIN_KEY };

const registered: { token: string; deviceType: string; notificationsEnabled: boolean }[] = [];
for (const [index, deviceType] of ['phone', 'phone', 'tablet', 'phone', 'wearable'].entries()) {
  const registration = { token: tokenOf(`cli${index}`), deviceType, notificationsEnabled: index !== 3 };
  const res = await svc.app.inject({ method: 'POST', url: '/tokens', headers: { 'x-app-key': APP_KEY }, payload: registration });
  if (res.statusCode !== 201) throw new Error(res.body);
  registered.push(registration);
}

t.test('tokens ls prints a masked table', async (t) => {
  const run = await cli(['tokens', 'ls'], env);
  t.equal(run.code, ExitCode.OK, run.stderr);
  t.match(run.stdout, /^TOKEN\s+DEVICE\s+STATUS\s+NOTIFICATIONS\s+USER\s+TEST\s+LAST SEEN/);
  for (const { token } of registered) {
    t.ok(run.stdout.includes(maskToken(token)), 'masked token shown');
    t.notOk(run.stdout.includes(token), 'never the token itself');
  }
  t.match(run.stdout, /5 tokens\n$/);
});

t.test('the filters are those of GET /tokens', async (t) => {
  const tablets = (await cli(['tokens', 'ls', '--device-type', 'tablet', '--json'], env)).json<TokenPage>();
  t.same(tablets.items.map((item) => item.token), [maskToken(registered[2].token)]);
  const off = (await cli(['tokens', 'ls', '--notifications', 'off', '--json'], env)).json<TokenPage>();
  t.same(off.items.map((item) => item.token), [maskToken(registered[3].token)]);
  const active = (await cli(['tokens', 'ls', '--status', 'active', '--json'], env)).json<TokenPage>();
  t.equal(active.items.length, 5);
  t.same(tokenQuery({ status: undefined, user: 'u1', notifications: 'on', limit: 3 }), { userId: 'u1', notificationsEnabled: true, limit: 3 });
});

t.test('--limit pages with a cursor; --all-pages follows it to the end', async (t) => {
  const first = await cli(['tokens', 'ls', '--limit', '2', '--json'], env);
  const page = first.json<TokenPage>();
  t.equal(page.items.length, 2);
  t.ok(page.nextCursor);
  const text = await cli(['tokens', 'ls', '--limit', '2'], env);
  t.match(text.stdout, `2 tokens; next page: --cursor ${page.nextCursor}`);
  const second = (await cli(['tokens', 'ls', '--limit', '2', '--cursor', page.nextCursor as string, '--json'], env)).json<TokenPage>();
  t.same(second.items.map((item) => item.token), registered.slice(2, 4).map(({ token }) => maskToken(token)));
  const all = (await cli(['tokens', 'ls', '--limit', '2', '--all-pages', '--json'], env)).json<TokenPage>();
  t.same(all.items.map((item) => item.token), registered.map(({ token }) => maskToken(token)));
  t.notOk(all.nextCursor);
});

t.test('bad filter values are usage errors; a cursor the server does not know is refused', async (t) => {
  t.equal((await cli(['tokens', 'ls', '--status', 'sleeping'], env)).code, ExitCode.USAGE);
  t.equal((await cli(['tokens', 'ls', '--limit', '501'], env)).code, ExitCode.USAGE);
  const cursor = await cli(['tokens', 'ls', '--cursor', 'nonsense'], env);
  t.equal(cursor.code, ExitCode.REFUSED);
  t.match(cursor.stderr, /querystring\.cursor/);
});
