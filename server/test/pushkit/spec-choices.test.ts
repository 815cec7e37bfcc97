import t from 'tap';
import { LiveViewEvent, PUSH_TYPES, PushKitCode, PushType, RevokeCode } from '@harmony-push/shared';
import {
  AttemptFailure,
  BADGE_ONLY_FIELDS,
  BODY_REFUSAL_ORDER,
  GATEWAY_ERROR_BODIES,
  HARMLESS_REPEAT,
  INVALID_PUSH_TYPE_TIP,
  LIVE_VIEW_CREATE_EVENTS,
  PARTIAL_SUCCESS_CODES,
  PUSH_KIT_HTTP_STATUS,
  RETRY_TABLE,
  REVOKE_HTTP_STATUS,
  RetryDecision,
  bodyBytesWithoutTokens,
  distinctTokens,
  mayHaveBeenTaken,
  retryDecision,
  testMessageDay,
  utf8Bytes
} from '../../src/pushkit/spec-choices';

t.test('sizes are UTF-8 bytes of the compact body with the tokens emptied', async (t) => {
  t.equal(utf8Bytes('a'), 1);
  t.equal(utf8Bytes('é'), 2);
  t.equal(utf8Bytes('中'), 3);
  const payload = { notification: { title: '中' } };
  const expected = utf8Bytes(JSON.stringify({ payload, target: { token: [] } }));
  t.equal(bodyBytesWithoutTokens({ payload }), expected);
  t.equal(
    bodyBytesWithoutTokens({ payload, pushOptions: { ttl: 60 } }),
    utf8Bytes(JSON.stringify({ payload, pushOptions: { ttl: 60 }, target: { token: [] } }))
  );
  t.equal(bodyBytesWithoutTokens({ payload }), utf8Bytes('{"payload":{"notification":{"title":"中"}},"target":{"token":[]}}'));
});

t.test('a token repeated in one request counts once, in the order first given', async (t) => {
  t.same(distinctTokens(['b', 'a', 'b', 'c', 'a']), ['b', 'a', 'c']);
});

t.test('Live View creation over REST: the five events of push-update-liveview', async (t) => {
  t.same(
    [...LIVE_VIEW_CREATE_EVENTS].sort(),
    [LiveViewEvent.CHECK_IN, LiveViewEvent.EXPRESS, LiveViewEvent.FLIGHT, LiveViewEvent.TAXI, LiveViewEvent.TRAIN]
  );
});

t.test("the push-type tip is push-msg-revoke's example text", async (t) => {
  t.equal(INVALID_PUSH_TYPE_TIP, 'The header does not contain valid push-type');
});

t.test('a badge-only notification may carry the badge and the category', async (t) => {
  t.same(BADGE_ONLY_FIELDS, ['badge', 'category']);
});

t.test('HTTP statuses follow the HTTP table of push-scenariozed-api-response and push-msg-revoke', async (t) => {
  t.equal(PUSH_KIT_HTTP_STATUS[PushKitCode.SUCCESS], 200);
  t.equal(PUSH_KIT_HTTP_STATUS[PushKitCode.PARTIAL_SUCCESS], 200);
  t.equal(PUSH_KIT_HTTP_STATUS[PushKitCode.AUTHENTICATION_ERROR], 401);
  t.equal(PUSH_KIT_HTTP_STATUS[PushKitCode.JWT_EXPIRED], 401);
  t.equal(PUSH_KIT_HTTP_STATUS[PushKitCode.INNER_ERROR], 500);
  t.equal(PUSH_KIT_HTTP_STATUS[PushKitCode.MESSAGE_TOO_LARGE], 400);
  t.same(Object.keys(PUSH_KIT_HTTP_STATUS).sort(), Object.values(PushKitCode).sort(), 'every send code has one');
  t.equal(REVOKE_HTTP_STATUS[RevokeCode.PARTIAL_SUCCESS], 200);
  t.equal(REVOKE_HTTP_STATUS[RevokeCode.ACCESS_TOKEN_EXPIRED], 401);
  t.equal(REVOKE_HTTP_STATUS[RevokeCode.COMMON_SERVICE_ERROR], 500);
  t.same(Object.keys(REVOKE_HTTP_STATUS).sort(), Object.values(RevokeCode).sort(), 'every revoke code has one');
});

t.test('a body breaking several rules is answered by the first of the refusal order', async (t) => {
  t.same(BODY_REFUSAL_ORDER, [
    PushKitCode.MESSAGE_TOO_LARGE,
    PushKitCode.TOKEN_COUNT_EXCEEDED,
    PushKitCode.TEST_MESSAGE_TOKEN_COUNT_EXCEEDED,
    PushKitCode.ILLEGAL_PAYLOAD,
    PushKitCode.ILLEGAL_EXPIRE_TIME
  ]);
});

t.test("gateway errors answer HTML naming their status, which is not Push Kit's JSON", async (t) => {
  const titles = { 502: '502 Bad Gateway', 503: '503 Service Temporarily Unavailable', 504: '504 Gateway Time-out' } as const;
  for (const status of [502, 503, 504] as const) {
    const body = GATEWAY_ERROR_BODIES[status];
    t.match(body, new RegExp(`^<html><head><title>${titles[status]}</title></head><body><center><h1>${titles[status]}</h1>`));
    t.throws(() => JSON.parse(body), SyntaxError);
  }
});

t.test('which failures Push Kit may have taken, per row of the retry table', async (t) => {
  const taken = [AttemptFailure.HTTP_500, AttemptFailure.INNER_ERROR, AttemptFailure.NO_ANSWER];
  for (const failure of Object.values(AttemptFailure)) {
    t.equal(mayHaveBeenTaken(failure), taken.includes(failure), failure);
  }
  t.same(RETRY_TABLE.map((row) => row.failure).sort(), Object.values(AttemptFailure).sort(), 'every failure has its row');
  for (const row of RETRY_TABLE) t.match(row.source, /^push-[a-z-]+[ :]/, `${row.failure} names its page first`);
});

t.test('an alert or a voice broadcast without an appMessageId (a badge-only update) is not sent again when it may have been taken', async (t) => {
  t.same(HARMLESS_REPEAT, [PushType.ALERT, PushType.FORM_UPDATE, PushType.EXTENSION, PushType.BACKGROUND]);
  for (const failure of [AttemptFailure.HTTP_500, AttemptFailure.INNER_ERROR, AttemptFailure.NO_ANSWER]) {
    t.equal(retryDecision(failure, PushType.ALERT, false), RetryDecision.UNKNOWN, `${failure}: alert`);
    t.equal(retryDecision(failure, PushType.EXTENSION, false), RetryDecision.UNKNOWN, `${failure}: voice broadcast`);
    t.equal(retryDecision(failure, PushType.FORM_UPDATE, false), RetryDecision.RETRY, `${failure}: a card update replaces`);
    t.equal(retryDecision(failure, PushType.BACKGROUND, false), RetryDecision.RETRY, `${failure}: the latest background message wins`);
    t.equal(retryDecision(failure, PushType.LIVE_VIEW, false), RetryDecision.UNKNOWN, `${failure}: Live View`);
  }
  for (const pushType of PUSH_TYPES) {
    t.equal(retryDecision(AttemptFailure.HTTP_503, pushType, false), RetryDecision.RETRY, `503 on ${pushType}: nothing was taken`);
  }
});

t.test("the test-message quota's day is Beijing time's (UTC+8)", async (t) => {
  t.equal(testMessageDay(Date.UTC(2026, 0, 1, 15, 59, 59, 999)), '2026-01-01');
  t.equal(testMessageDay(Date.UTC(2026, 0, 1, 16, 0, 0)), '2026-01-02');
  t.equal(testMessageDay(Date.UTC(2025, 11, 31, 16, 0, 0)), '2026-01-01');
});

t.test('partial successes: 80100000 of the send API and 80100020 of push-msg-revoke', async (t) => {
  t.same(PARTIAL_SUCCESS_CODES, ['80100000', '80100020']);
});
