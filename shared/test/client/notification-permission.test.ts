import t from 'tap';
import {
  ClientError,
  NotificationsDeniedError,
  notificationErrorOf,
  requestNotificationPermission,
  type NotificationSettings
} from '../../src/index';
import { MemoryLogger } from './fakes';

/** The system switch and dialog as the notification kit behaves: the dialog's answer flips the switch. */
class FakeSettings implements NotificationSettings {
  requests = 0;
  constructor(
    public enabled: boolean,
    private readonly answer: 'allow' | 'deny' | Error
  ) {}

  async isEnabled(): Promise<boolean> {
    return this.enabled;
  }

  async requestEnable(): Promise<void> {
    this.requests++;
    if (this.answer === 'allow') {
      this.enabled = true;
    } else if (this.answer === 'deny') {
      throw notificationErrorOf(1600004, 'Notification disabled');
    } else {
      throw this.answer;
    }
  }
}

t.test('already allowed: no dialog', async (t) => {
  const settings = new FakeSettings(true, 'deny');
  t.equal(await requestNotificationPermission(settings, new MemoryLogger()), true);
  t.equal(settings.requests, 0);
});

t.test('the user allows in the dialog', async (t) => {
  const settings = new FakeSettings(false, 'allow');
  const logger = new MemoryLogger();
  t.equal(await requestNotificationPermission(settings, logger), true);
  t.equal(settings.requests, 1);
  t.same(logger.lines, ['info The user allowed notifications.']);
});

t.test('the user denies in the dialog (1600004)', async (t) => {
  const logger = new MemoryLogger();
  t.equal(await requestNotificationPermission(new FakeSettings(false, 'deny'), logger), false);
  t.match(logger.text(), /info .*not allowed/);
});

t.test('the dialog call throws: the switch is read again, and the failure is logged', async (t) => {
  const logger = new MemoryLogger();
  const settings = new FakeSettings(false, notificationErrorOf(1600013, 'A notification dialog box is already displayed'));
  t.equal(await requestNotificationPermission(settings, logger), false);
  t.match(logger.text(), /warn .*1600013/);
});

t.test('nothing can be read: the answer is unknown', async (t) => {
  const broken: NotificationSettings = {
    isEnabled: async () => { throw notificationErrorOf(1600003, 'Failed to connect to the service'); },
    requestEnable: async () => { throw notificationErrorOf(1600003, 'Failed to connect to the service'); }
  };
  const logger = new MemoryLogger();
  t.equal(await requestNotificationPermission(broken, logger), undefined);
  t.same(logger.lines, [
    'warn Could not read whether notifications are allowed: Notification error 1600003: Failed to connect to the service',
    'warn Could not ask the user to allow notifications: Notification error 1600003: Failed to connect to the service',
    'warn Could not read whether notifications are allowed: Notification error 1600003: Failed to connect to the service'
  ]);
});

t.test('notificationErrorOf: 1600004 is the user\'s no, anything else a failure with its code', async (t) => {
  const denied = notificationErrorOf(1600004, 'Notification disabled');
  t.type(denied, NotificationsDeniedError);
  t.equal(denied.retryable, false);
  t.equal(String(denied), 'NotificationsDeniedError: Notification disabled');
  t.match(denied.hint, /did not allow notifications.*allowed in Settings/);
  const other = notificationErrorOf(1600001, 'Internal error');
  t.type(other, ClientError);
  t.notOk(other instanceof NotificationsDeniedError);
  t.equal(String(other), 'NotificationError: Notification error 1600001: Internal error');
  t.equal(other.retryable, false);
  t.equal(other.hint, '', 'no advice for a kit failure the client does not know');
});
