import t from 'tap';
import type { Page } from 'playwright-core';
import { buildConsole } from '../../console/build.mjs';
import { CONSOLE_DIR } from '../../src/console/plugin';
import { age } from '../helpers/broadcast';
import { browserMissing, launchChromium } from '../helpers/browser';
import { receiptEnv } from '../helpers/receipts';
import { ADMIN_KEY, APP_KEY, startTestServiceWithReceipts } from '../helpers/service';

/*
 * The operator console in a real browser (Debian's Chromium, driven by playwright-core): sign in, compose and send
 * an alert to an emulator device, watch a broadcast and cancel it, mark a device as a test device, and be refused
 * with a wrong key.
 */

/** Broadcast tokens: more than one Push Kit request's worth, so the send becomes a job with batches. */
const BROADCAST_TOKENS = 5000;
/** Each emulator answer takes this long, so a one-worker broadcast runs long enough to be watched and cancelled. */
const EMULATOR_LATENCY_MS = 1500;
const WAIT_MS = 30_000;

const missing = browserMissing();

t.test('the console in Chromium', { skip: missing }, async (t) => {
  await buildConsole(CONSOLE_DIR);
  const svc = await startTestServiceWithReceipts(t, { SEND_WORKERS: '1', ...receiptEnv() });
  const { app, emulator } = svc;
  const origin = await svc.listen();
  const browser = await launchChromium();
  t.teardown(() => browser.close());
  const page = await browser.context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  // Refused requests (the wrong keys, the 400 asked for) are logged as failed loads: only other errors count.
  page.on('console', (message) => {
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) pageErrors.push(message.text());
  });

  const token = (await emulator.inject({ method: 'POST', url: '/emulator/devices', payload: { deviceType: 'phone' } })).json().token as string;
  const registered = await app.inject({ method: 'POST', url: '/tokens', headers: { 'x-app-key': APP_KEY }, payload: { token, deviceType: 'phone' } });
  t.equal(registered.statusCode, 201);

  const nav = (name: string) => page.getByRole('navigation').getByRole('link', { name, exact: true }).click();
  const signIn = async (p: Page, key: string) => {
    await p.goto(`${origin}/console/`);
    await p.getByLabel('Admin key').fill(key);
    await p.getByRole('button', { name: 'Sign in' }).click();
  };

  await t.test('a wrong key is refused with a clear message', async (t) => {
    // By keyboard only: the key typed into the focused field, Enter to submit.
    await page.goto(`${origin}/console/`);
    await page.getByLabel('Admin key').focus();
    await page.keyboard.type('not-an-admin-key-0123456789');
    await page.keyboard.press('Enter');
    const alert = page.getByRole('alert');
    await alert.waitFor({ timeout: WAIT_MS });
    t.match(await alert.textContent(), /admin key was refused/);
    t.equal(await page.evaluate('sessionStorage.length'), 0, 'nothing is kept');
    await signIn(page, APP_KEY);
    await page.getByRole('alert').filter({ hasText: 'app key' }).waitFor({ timeout: WAIT_MS });
    t.pass('an app key is told apart');
  });

  await t.test('signing in keeps the key for the tab and opens the overview', async (t) => {
    await signIn(page, ADMIN_KEY);
    await page.getByRole('heading', { name: 'Overview' }).waitFor({ timeout: WAIT_MS });
    await page.getByRole('heading', { name: 'Registered devices' }).waitFor({ timeout: WAIT_MS });
    t.equal(await page.evaluate("sessionStorage.getItem('harmony-push.adminKey')"), ADMIN_KEY);
  });

  let sendId = '';
  await t.test('an alert composed in the form reaches the emulator device', async (t) => {
    await nav('Compose');
    await page.getByLabel('title', { exact: true }).fill('Hello from the console');
    await page.getByLabel('body', { exact: true }).fill('Sent by a real browser');
    t.equal(await page.locator('.notification-title').textContent(), 'Hello from the console', 'the preview follows the form');
    await page.getByLabel('Push tokens, one per line').fill(token);
    await page.getByTestId('audience-count').filter({ hasText: '1 token' }).waitFor({ timeout: WAIT_MS });
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await page.getByTestId('send-state').filter({ hasText: 'completed' }).waitFor({ timeout: WAIT_MS });
    sendId = new URL(page.url()).hash.replace('#/sends/', '');
    t.match(sendId, /^[0-9a-f-]{36}$/);
    t.equal(await page.getByTestId('accepted').textContent(), '1');
    const inbox = (await emulator.inject({ method: 'GET', url: `/emulator/messages?token=${encodeURIComponent(token)}` })).json();
    t.equal(inbox.messages.length, 1, 'the message is in the emulator inbox');
    t.match(inbox.messages[0].payload, { notification: { title: 'Hello from the console', body: 'Sent by a real browser' } });
  });

  await t.test('the delivery count rises as the emulator’s receipt arrives', async (t) => {
    await page.getByTestId('delivery-delivered').filter({ hasText: /^1$/ }).waitFor({ timeout: WAIT_MS });
    t.equal(await page.getByTestId('delivery-pending').textContent(), '0');
  });

  await t.test('the JSON view and the form edit the same request', async (t) => {
    await nav('Compose');
    await page.getByLabel('title', { exact: true }).fill('From the form');
    await page.getByRole('button', { name: 'JSON', exact: true }).click();
    const json = page.getByLabel('The request as JSON (edits update the form)');
    const request = JSON.parse(await json.inputValue());
    t.match(request, { pushType: 0, payload: { notification: { title: 'From the form' } } });
    request.payload.notification.title = 'From the JSON';
    request.target = { userIds: ['someone'] };
    await json.fill(JSON.stringify(request, null, 2));
    await page.getByRole('button', { name: 'Form', exact: true }).click();
    t.equal(await page.getByLabel('title', { exact: true }).inputValue(), 'From the JSON');
    t.equal(await page.getByLabel('User ids, one per line').inputValue(), 'someone', 'the audience follows too');
    t.ok(await page.getByRole('radio', { name: 'User ids' }).isChecked());
    await nav('Overview');
  });

  await t.test('the server’s 400 details show next to the fields', async (t) => {
    await nav('Compose');
    await page.getByLabel('title', { exact: true }).fill('');
    await page.getByLabel('Push tokens, one per line').fill(token);
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    const problem = page.locator('#field-payload-notification-title-error');
    await problem.waitFor({ timeout: WAIT_MS });
    t.ok((await problem.textContent())?.length, 'the title field carries the server’s message');
    t.equal(await page.getByLabel('title', { exact: true }).getAttribute('aria-invalid'), 'true');
  });

  await t.test('a broadcast shows its progress and can be cancelled', async (t) => {
    await app.pg.pool.query(
      `INSERT INTO push_tokens (token, device_type)
       SELECT 'console-broadcast-' || g || '-' || md5(g::text), 'phone' FROM generate_series(1, $1) AS g`,
      [BROADCAST_TOKENS]
    );
    await emulator.inject({ method: 'POST', url: '/emulator/faults', payload: { latencyMs: EMULATOR_LATENCY_MS } });
    await nav('Compose');
    await page.getByLabel('title', { exact: true }).fill('To everyone');
    await page.getByRole('radio', { name: 'Every active device' }).check();
    await page.getByTestId('audience-count').filter({ hasText: `${BROADCAST_TOKENS + 1} tokens` }).waitFor({ timeout: WAIT_MS });
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await page.getByTestId('send-state').filter({ hasText: 'sending' }).waitFor({ timeout: WAIT_MS });
    // Polled from here: the page's CSP forbids the string evaluation waitForFunction would use.
    const progress = page.locator('#send-progress');
    for (const started = Date.now(); Number(await progress.getAttribute('max')) <= 1; ) {
      if (Date.now() - started > WAIT_MS) throw new Error('the broadcast was never planned into batches');
      await page.waitForTimeout(100);
    }
    t.match(await page.locator('label[for="send-progress"]').textContent(), /^Batches \d+ of \d+$/, 'the progress bar counts batches');
    await page.getByRole('button', { name: 'Cancel send' }).click();
    await page.getByTestId('send-state').filter({ hasText: 'cancelled' }).waitFor({ timeout: WAIT_MS });
    const broadcastId = new URL(page.url()).hash.replace('#/sends/', '');
    const stored = (await app.inject({ method: 'GET', url: `/sends/${broadcastId}`, headers: { authorization: `Bearer ${ADMIN_KEY}` } })).json();
    t.equal(stored.state, 'cancelled');
    t.ok(stored.requested < BROADCAST_TOKENS + 1, `cancelled before every batch went (${stored.requested} sent)`);
    await emulator.inject({ method: 'POST', url: '/emulator/faults', payload: {} });
  });

  await t.test('the sends, devices and audit pages show what happened', async (t) => {
    await nav('Sends');
    await page.getByRole('cell', { name: 'cancelled' }).waitFor({ timeout: WAIT_MS });
    await nav('Audit log');
    await page.getByRole('cell', { name: 'cancel', exact: true }).waitFor({ timeout: WAIT_MS });
    t.ok(await page.getByRole('link', { name: sendId }).count(), 'the first send is in the audit log');
    await nav('Devices');
    await page.getByLabel('Token ends with').fill(token.slice(-6));
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.locator('tbody tr').first().getByRole('link').click();
    await page.getByRole('heading', { name: 'Sends that named it' }).waitFor({ timeout: WAIT_MS });
    t.equal(await page.locator(`a[href="#/sends/${sendId}"]`).count(), 1, 'the device page lists the send that reached it');
    t.notOk((await page.content()).includes(token), 'the page never shows the token in full');
  });

  await t.test('once retention pruned the send, its page says so and the device page says why it is not listed', async (t) => {
    // On the device page the previous step opened; the next step goes on from it.
    const deviceUrl = page.url();
    // SEND_RETENTION_DAYS is 30 here: a send completed 31 days ago goes on the next maintenance run.
    await age(app, sendId, 31);
    t.equal((await app.maintenance.run(new Date())).retention.sendDetails, 1);
    await page.goto(`${origin}/console/#/sends/${sendId}`);
    const pruned = page.getByTestId('details-pruned');
    await pruned.waitFor({ timeout: WAIT_MS });
    t.match(await pruned.textContent(), /^Per-token results, Push Kit request reports and receipts were pruned on .+, SEND_RETENTION_DAYS after the send finished; the counts above are kept\.$/);
    t.equal(await page.getByTestId('requested').textContent(), '1', 'the counts are still shown');
    await page.goto(deviceUrl);
    await page.getByText('sends that finished more than SEND_RETENTION_DAYS ago are no longer listed', { exact: false }).waitFor({ timeout: WAIT_MS });
    t.equal(await page.locator(`a[href="#/sends/${sendId}"]`).count(), 0, 'the pruned send is no longer listed');
  });

  await t.test('a device is marked as a test device from its page, by keyboard, and the list and audit log show it', async (t) => {
    // On the device page the previous step opened.
    await page.getByTestId('test-device').filter({ hasText: 'no' }).waitFor({ timeout: WAIT_MS });
    await page.getByRole('button', { name: 'Mark as test device' }).focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('test-device').filter({ hasText: 'yes' }).waitFor({ timeout: WAIT_MS });
    t.equal(await page.evaluate('document.activeElement.textContent'), 'Unmark as test device', 'the button keeps the focus');
    const admin = { authorization: `Bearer ${ADMIN_KEY}` };
    const marked = (await app.inject({ method: 'GET', url: `/tokens?testDevice=true&tokenSuffix=${token.slice(-8)}`, headers: admin })).json();
    t.equal(marked.items.length, 1, 'the server has it marked');
    const deviceUrl = page.url();

    await nav('Devices');
    await page.getByLabel('Token ends with').fill(token.slice(-6));
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.locator('tbody tr').first().getByText('test device').waitFor({ timeout: WAIT_MS });
    await nav('Audit log');
    await page.getByRole('cell', { name: 'testDeviceAdd', exact: true }).waitFor({ timeout: WAIT_MS });

    // The server's refusal shows on the page: the device unregistered meanwhile, so unmarking it is a 404.
    await page.goto(deviceUrl);
    await page.getByTestId('test-device').filter({ hasText: 'yes' }).waitFor({ timeout: WAIT_MS });
    const removed = await app.inject({ method: 'DELETE', url: `/tokens/${encodeURIComponent(token)}`, headers: { 'x-app-key': APP_KEY } });
    t.equal(removed.statusCode, 204);
    await page.getByRole('button', { name: 'Unmark as test device' }).click();
    await page.getByRole('alert').filter({ hasText: 'no registered token' }).waitFor({ timeout: WAIT_MS });
    t.equal(await page.getByTestId('test-device').textContent(), 'yes', 'the state shown is still the last one the server confirmed');
    t.notOk((await page.content()).includes(token), 'the page never shows the token in full');
  });

  await t.test('the console is served with a strict Content-Security-Policy and runs without violations', async (t) => {
    const res = await app.inject({ method: 'GET', url: '/console/' });
    t.match(res.headers['content-security-policy'], /default-src 'self'; script-src 'self'; style-src 'self'/);
    t.notMatch(res.body, /<script>|<style>|style=|https?:\/\//, 'no inline script or style, no other origin');
    t.same(pageErrors, [], 'no script error and no CSP violation in the browser console');
  });
});
