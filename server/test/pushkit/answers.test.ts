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

const answer = (status: number, code: string, msg = '', requestId = 'req-1') => ({ status, body: { code, msg, requestId } });
const illegal = (illegalTokens: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ illegalTokens, failure: 1, ...extra });

t.test('HTTP 500 and 81000001 are failures to retry, whatever else the answer says', async (t) => {
  t.match(verdictOf({ status: 500 }, tokens), { kind: 'retry', status: 500, code: 'HTTP_500', failure: AttemptFailure.HTTP_500 });
  t.match(verdictOf(answer(500, '81000001', 'inner error'), tokens), { kind: 'retry', failure: AttemptFailure.INNER_ERROR });
  t.match(verdictOf(answer(200, '81000001', 'inner error'), tokens), { kind: 'retry', code: '81000001', failure: AttemptFailure.INNER_ERROR });
  t.match(verdictOf({ status: 502 }, tokens), { kind: 'retry', failure: AttemptFailure.HTTP_502 });
  t.match(verdictOf({ status: 503 }, tokens), { kind: 'retry', failure: AttemptFailure.HTTP_503 });
});

t.test('a Retry-After travels with a retry, and only when there was one', async (t) => {
  t.match(verdictOf({ status: 503, retryAfterMs: 2000 }, tokens), { kind: 'retry', retryAfterMs: 2000 });
  t.notOk('retryAfterMs' in verdictOf({ status: 503 }, tokens), 'no Retry-After, no field');
});

t.test('a JWT error code re-signs even without a 401, and a 401 re-signs whatever its code', async (t) => {
  t.match(verdictOf(answer(400, '80200001', 'auth'), tokens), { kind: 'reauthenticate', code: '80200001', msg: 'auth', requestId: 'req-1' });
  t.match(verdictOf(answer(403, '80200005', 'expired'), tokens), { kind: 'reauthenticate', code: '80200005' });
  t.match(verdictOf(answer(401, '80100001', 'odd'), tokens), { kind: 'reauthenticate', status: 401, code: '80100001' });
  t.match(verdictOf({ status: 401 }, tokens), { kind: 'reauthenticate', code: 'HTTP_401', msg: 'HTTP 401', requestId: '' });
});

t.test('an HTTP error without a Push Kit body is rejected with its status in words', async (t) => {
  t.same(verdictOf({ status: 404 }, tokens), {
    kind: 'rejected', status: 404, code: 'HTTP_404', msg: 'HTTP 404 without a Push Kit answer', requestId: ''
  });
});

t.test('success accepts every token of the batch', async (t) => {
  const verdict = verdictOf(answer(200, '80000000', 'Success', 'req-9'), tokens);
  t.same(verdict, { kind: 'answered', code: '80000000', requestId: 'req-9', accepted: tokens, refused: new Map() });
});

t.test('a partial success accepts the tokens it does not list', async (t) => {
  const verdict = verdictOf(answer(200, '80100000', illegal({ tokenFormatError: ['b'] }, { success: 1 })), tokens);
  t.match(verdict, { kind: 'answered', code: '80100000', accepted: ['a'] });
  t.same(verdict.kind === 'answered' && [...verdict.refused], [['b', 'tokenFormatError']]);
});

t.test('80300007 fails every token, also those its illegalTokens leaves out', async (t) => {
  const verdict = verdictOf(answer(400, '80300007', illegal({ noRight: ['a'] })), ['a', 'b', 'c']);
  t.match(verdict, { kind: 'answered', code: '80300007', accepted: [] });
  t.same(verdict.kind === 'answered' && [...verdict.refused], [['a', 'noRight'], ['b', '80300007'], ['c', '80300007']]);
});

t.test('a partial answer whose illegalTokens cannot be read is rejected, not read as success', async (t) => {
  for (const msg of ['not json', JSON.stringify({ failure: 1 }), JSON.stringify({ illegalTokens: 'b' }), 'null']) {
    t.match(verdictOf(answer(200, '80100000', msg), tokens), {
      kind: 'rejected', code: '80100000', msg: 'Push Kit listed no readable illegalTokens', requestId: 'req-1'
    }, msg);
  }
  const odd = verdictOf(answer(200, '80100000', illegal({ tokenFormatError: 'b', noRight: ['a'] })), tokens);
  t.match(odd, { kind: 'answered', accepted: ['b'] }, 'a reason whose value is not a list refuses nothing');
  t.same(odd.kind === 'answered' && [...odd.refused], [['a', 'noRight']], 'and refuses no token of its own making');
});

t.test('any other business code rejects the request as Push Kit worded it', async (t) => {
  t.same(verdictOf(answer(400, '80300008', 'too big'), tokens), {
    kind: 'rejected', status: 400, code: '80300008', msg: 'too big', requestId: 'req-1'
  });
});
