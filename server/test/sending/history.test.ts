import t from 'tap';
import { DeviceType } from '@harmony-push/shared';
import { describeAudience } from '../../src/sending/history';

t.test('a send’s audience is told in words, never with its tokens', async (t) => {
  t.equal(describeAudience(null, 1), '1 token', 'an immediate send keeps only its counts');
  t.equal(describeAudience(null, 3), '3 tokens');
  t.equal(describeAudience({ all: true }, 5000), 'all');
  t.equal(describeAudience({ userIds: ['a', 'b'] }, 4), 'users: a, b');
  t.equal(describeAudience({ userIds: ['a', 'b', 'c', 'd', 'e'] }, 9), 'users: a, b, c and 2 more');
  t.equal(describeAudience({ deviceTypes: [DeviceType.PHONE, DeviceType.TABLET], userIds: ['a'] }, 2), 'users: a; device types: phone, tablet');
  const secret = 'MAAALgE4G98BAAAAsecret-token-value';
  const described = describeAudience({ tokens: [secret, 'another'], all: true }, 3000);
  t.equal(described, 'all; 2 tokens');
  t.notOk(described.includes(secret));
  t.equal(describeAudience({ testDevices: true, deviceTypes: [DeviceType.PHONE] }, 2), 'device types: phone; test devices');
  t.equal(describeAudience({ all: true, includeStale: true, includeNotificationsOff: true }, 9),
    'all; stale and inactive included; notifications off included');
});
