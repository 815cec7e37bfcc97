// Screenshots of every console page for the README (`npm run console:screenshots`): a throwaway service on the
// embedded database and its emulator, a few devices and sends, and Chromium at a laptop's and a phone's size.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DeviceType, PushType } from '@harmony-push/shared';
import { loadConfig } from '../src/config';
import { startService } from '../src/service';
import { CONSOLE_DIR } from '../src/console/plugin';
import { browserMissing, launchChromium } from '../test/helpers/browser';
import { buildConsole } from './build.mjs';

const ADMIN_KEY = 'screenshot-admin-key-0123456789';
const APP_KEY = 'screenshot-app-key-0123456789';
const OUT = path.join(import.meta.dirname, 'screenshots');

const missing = browserMissing();
if (missing) throw new Error(missing);
await buildConsole(CONSOLE_DIR);
const dataDir = await mkdtemp(path.join(os.tmpdir(), 'harmony-push-screenshots-'));
const config = loadConfig({ ADMIN_KEYS: ADMIN_KEY, APP_KEYS: APP_KEY, EMULATOR_PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'warn' });
const service = await startService(config);
try {
  const { app } = service;
  const emulator = service.emulator;
  if (!emulator) throw new Error('the service should have started its emulator');
  const origin = await app.listen({ port: 0, host: '127.0.0.1' });
  const admin = { authorization: `Bearer ${ADMIN_KEY}` };

  const devices: string[] = [];
  const kinds: [DeviceType, boolean | undefined, string | undefined][] = [
    [DeviceType.PHONE, true, 'alice'], [DeviceType.PHONE, true, 'bob'], [DeviceType.PHONE, false, 'carol'],
    [DeviceType.TABLET, true, 'alice'], [DeviceType.TWO_IN_ONE, undefined, undefined], [DeviceType.WEARABLE, true, 'bob']
  ];
  for (const [deviceType, notificationsEnabled] of kinds) {
    const token = (await emulator.inject({ method: 'POST', url: '/emulator/devices', payload: { deviceType } })).json().token as string;
    await app.inject({ method: 'POST', url: '/tokens', headers: { 'x-app-key': APP_KEY }, payload: { token, deviceType, notificationsEnabled } });
    devices.push(token);
  }
  // One test device, so the device list shows its tag (and the audit log the change).
  await app.inject({ method: 'PUT', url: `/tokens/${encodeURIComponent(devices[1])}/test-device`, headers: admin });
  const alert = (title: string, body: string) => ({ notification: { category: 'IM', title, body, clickAction: { actionType: 0 } } });
  let firstSend = '';
  for (const [title, target] of [
    ['Your order shipped', { tokens: devices.slice(0, 2) }],
    ['New message', { deviceTypes: [DeviceType.PHONE] }],
    ['Weekly digest', { all: true }]
  ] as const) {
    const res = await app.inject({ method: 'POST', url: '/send', headers: admin, payload: { pushType: PushType.ALERT, payload: alert(title, 'Tap to open'), target } });
    firstSend ||= res.json().sendId;
  }
  await app.inject({ method: 'GET', url: '/sends/export.csv', headers: admin });

  for (const [suffix, viewport] of [['', { width: 1100, height: 760 }], ['-phone', { width: 390, height: 760 }]] as const) {
    const browser = await launchChromium(viewport);
    try {
      const page = await browser.context.newPage();
      const shot = async (name: string) => {
        await page.waitForLoadState('networkidle');
        await page.evaluate('document.activeElement?.blur(); window.scrollTo(0, 0)');
        await page.screenshot({ path: path.join(OUT, `${name}${suffix}.png`) });
      };
      await page.goto(`${origin}/console/`);
      if (suffix === '') await shot('sign-in');
      await page.getByLabel('Admin key').fill(ADMIN_KEY);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('heading', { name: 'Registered devices' }).waitFor();
      await shot('overview');
      if (suffix !== '') {
        await page.goto(`${origin}/console/#/compose`);
        await page.getByLabel('title', { exact: true }).waitFor();
        await shot('compose');
        continue;
      }
      await page.goto(`${origin}/console/#/devices`);
      await page.locator('tbody tr').first().waitFor();
      await shot('devices');
      await page.locator('tbody tr').first().getByRole('link').click();
      await page.getByRole('heading', { name: 'Sends that named it' }).waitFor();
      await shot('device');
      await page.goto(`${origin}/console/#/compose`);
      await page.getByLabel('Push tokens, one per line').fill(devices[0]);
      await page.getByTestId('audience-count').filter({ hasText: '1 token' }).waitFor();
      await shot('compose');
      await page.goto(`${origin}/console/#/sends`);
      await page.locator('tbody tr').first().waitFor();
      await shot('sends');
      await page.goto(`${origin}/console/#/sends/${firstSend}`);
      await page.getByTestId('send-state').waitFor();
      await shot('send');
      await page.goto(`${origin}/console/#/audit`);
      await page.locator('tbody tr').first().waitFor();
      await shot('audit');
    } finally {
      await browser.close();
    }
  }
  console.log(`screenshots written to ${OUT}`);
} finally {
  await service.close();
  await rm(dataDir, { recursive: true, force: true });
}
