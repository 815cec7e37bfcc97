import t from 'tap';
import { ClientError, PushKitError, PushKitErrorCode } from '../../src/index';

t.test('1000900010 names today\'s causes, most likely first, and client_id only as legacy', async (t) => {
  const error = new PushKitError(PushKitErrorCode.ILLEGAL_APP_IDENTITY, 'Illegal application identity');
  t.type(error, ClientError);
  t.equal(error.code, 1000900010);
  t.equal(error.retryable, false);
  t.equal(error.message, 'Push Kit error 1000900010: Illegal application identity');
  const causes = ['Push Kit', 'bundleName', 'automatic signing', 'expired', 'client_id'];
  const positions = causes.map((cause) => error.hint.indexOf(cause));
  t.notOk(positions.includes(-1), `the hint names every cause: ${error.hint}`);
  t.same([...positions].sort((a, b) => a - b), positions, 'in the order of Huawei\'s current setup page');
  t.match(error.hint, /signing profile/);
  t.match(error.hint, /Legacy/);
  t.notMatch(error.hint, /fingerprint/, 'no fingerprint is configured since HarmonyOS NEXT Developer Beta2');
});

t.test('transient Push Kit errors are retryable, configuration errors are not', async (t) => {
  const retryable = (code: number) => new PushKitError(code, 'x').retryable;
  t.same(
    [1000900001, 1000900008, 1000900009, 1000900011].map(retryable),
    [true, true, true, true],
    'system error, connection to the push service, push service error, network unavailable'
  );
  t.same(
    [401, 1000900002, 1000900003, 1000900004, 1000900005, 1000900010, 1000900012, 1000900013, 1000900014,
      1000900015, 1000900016].map(retryable),
    [false, false, false, false, false, false, false, false, false, false, false]
  );
});

t.test('the @throws codes of pushService each have their own hint', async (t) => {
  const hint = (code: number) => new PushKitError(code, 'x').hint;
  t.match(hint(PushKitErrorCode.NETWORK_UNAVAILABLE), /network/i);
  t.match(hint(PushKitErrorCode.NETWORK_UNAVAILABLE), /retried with backoff.*network is back/s);
  t.match(hint(PushKitErrorCode.PUSH_RIGHTS_NOT_ACTIVATED), /enable Push Kit/i);
  t.match(hint(PushKitErrorCode.PUSH_RIGHTS_NOT_ACTIVATED), /signing profile/);
  t.match(hint(PushKitErrorCode.CROSS_LOCATION_NOT_ALLOWED), /data processing location/i);
  t.match(hint(PushKitErrorCode.TOKEN_NOT_SUPPORTED), /Wearable below API 18/);
  t.match(hint(PushKitErrorCode.TOKEN_NOT_SUPPORTED), /TV below API 19/);
  t.match(hint(PushKitErrorCode.RECEIVE_MESSAGE_REPEATED), /receiveMessage/);
  t.match(hint(PushKitErrorCode.RECEIVE_MESSAGE_REPEATED), /once/);
  t.match(hint(PushKitErrorCode.TOO_MANY_PROFILE_BINDINGS), /bindAppProfileId/);
  t.match(hint(PushKitErrorCode.DISTRIBUTED_ACCOUNT_NOT_LOGGED_IN), /HUAWEI ID/);
  const codes = [1000900005, 1000900011, 1000900012, 1000900013, 1000900014, 1000900015, 1000900016];
  t.equal(new Set(codes.map(hint)).size, codes.length, 'no two codes share a hint');
  t.notOk(codes.map(hint).some((text) => /Unlisted Push Kit error/.test(text)), 'none falls back to the generic hint');
});

t.test('1000900001 hints at a duplicate tokenUpdate listener', async (t) => {
  t.match(new PushKitError(1000900001, 'System internal error').hint, /registered twice/);
});

t.test('an unlisted code gets a generic hint', async (t) => {
  const error = new PushKitError(1000900042, 'something new');
  t.equal(error.retryable, false);
  t.match(error.hint, /error-code reference/);
});
