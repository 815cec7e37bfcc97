import t from 'tap';
import { TokenResultStatus } from '@harmony-push/shared';
import { ACCEPTED, failed, skipped, tally, unknown } from '../../src/pushkit/outcomes';

t.test('each outcome carries its status, and a reason for all but accepted', async (t) => {
  t.same(ACCEPTED, { status: TokenResultStatus.ACCEPTED });
  t.ok(Object.isFrozen(ACCEPTED), 'the one shared accepted outcome cannot be changed by a caller');
  t.same(failed('80100000'), { status: TokenResultStatus.FAILED, reason: '80100000' });
  t.same(skipped('unsupported'), { status: TokenResultStatus.SKIPPED, reason: 'unsupported' });
  t.same(unknown('no answer'), { status: TokenResultStatus.UNKNOWN, reason: 'no answer' });
});

t.test('tally counts each status, and requested is their sum', async (t) => {
  t.same(tally([]), { requested: 0, accepted: 0, failed: 0, skipped: 0, unknown: 0 });
  const outcomes = [ACCEPTED, ACCEPTED, ACCEPTED, failed('a'), failed('b'), skipped('c'), unknown('d'), unknown('e'), unknown('f'), unknown('g')];
  t.same(tally(outcomes), { requested: 10, accepted: 3, failed: 2, skipped: 1, unknown: 4 });
  t.same(tally(new Map([['token', failed('x')]]).values()), { requested: 1, accepted: 0, failed: 1, skipped: 0, unknown: 0 }, 'any iterable');
});
