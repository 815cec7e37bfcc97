import t from 'tap';
import { PUSH_TYPES, PushType } from '@harmony-push/shared';
import { verdictOf } from '../../src/pushkit/answers';
import { AttemptFailure, RetryDecision, RETRY_TABLE, retryDecision } from '../../src/pushkit/spec-choices';

const tokens = ['a', 'b'];

t.test('a 401 without a JSON body re-signs the JWT once', async (t) => {
  t.match(verdictOf({ status: 401 }, tokens), { kind: 'reauthenticate' });
});

t.test('504 is retried', async (t) => {
  t.match(verdictOf({ status: 504 }, tokens), { kind: 'retry' });
});

t.test('80300029 ("稍后再发送") is retried later, not rejected', async (t) => {
  const answer = { status: 400, body: { code: '80300029', msg: 'When send test message, the api request exceed limit.', requestId: 'r' } };
  t.match(verdictOf(answer, tokens), { kind: 'retry' });
});

t.test('the retry table: what may be sent again after which failure, per push-type', async (t) => {
  for (const pushType of PUSH_TYPES) {
    for (const failure of [AttemptFailure.HTTP_502, AttemptFailure.HTTP_503, AttemptFailure.HTTP_504, AttemptFailure.NOT_SENT]) {
      t.equal(retryDecision(failure, pushType), RetryDecision.RETRY, `${failure} on push-type ${pushType}: nothing was taken`);
    }
  }
  const ambiguous = [AttemptFailure.HTTP_500, AttemptFailure.INNER_ERROR, AttemptFailure.NO_ANSWER];
  for (const failure of ambiguous) {
    for (const pushType of [PushType.ALERT, PushType.FORM_UPDATE, PushType.EXTENSION, PushType.BACKGROUND]) {
      t.equal(retryDecision(failure, pushType), RetryDecision.RETRY, `${failure} on ${pushType}: a repeat is harmless`);
    }
    for (const pushType of [PushType.LIVE_VIEW, PushType.VOIP_CALL]) {
      t.equal(retryDecision(failure, pushType), RetryDecision.UNKNOWN, `${failure} on ${pushType}: Push Kit may have taken it`);
    }
  }
  for (const row of RETRY_TABLE) t.match(row.source, /developer\.huawei\.com|push-[a-z-]+/, `${row.failure} cites its page`);
});
