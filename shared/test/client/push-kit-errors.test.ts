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

t.test('every listed code tells the developer what to do, in words of its own', async (t) => {
  const hints: [PushKitErrorCode, RegExp][] = [
    [PushKitErrorCode.PARAMETER_ERROR, /wrong parameter: a client bug, please report it/],
    [PushKitErrorCode.SYSTEM_INTERNAL_ERROR, /usually transient.*registered twice: register it once per process and call off\(\) in onDestroy/s],
    [PushKitErrorCode.EXTENSION_NOT_FOUND, /No extension ability handles this message type: declare it in module\.json5/],
    [PushKitErrorCode.EXTENSION_CALLBACK_FAILED, /extension callback threw: check onReceiveMessage/],
    [PushKitErrorCode.EXTENSION_CALLBACK_TIMEOUT, /return from onReceiveMessage within about 10 seconds/],
    [PushKitErrorCode.RECEIVE_MESSAGE_REPEATED, /call it once per type, in the onCreate of the one ability that declares action\.ohos\.push\.listener/],
    [PushKitErrorCode.CONNECT_FAILED, /Could not reach the Push Kit service on the device: check the network and that the device is signed in to a HUAWEI ID; retried automatically/],
    [PushKitErrorCode.SERVICE_INTERNAL_ERROR, /retried automatically\. If it persists, check that Push Kit is enabled for the app in AppGallery Connect/],
    [PushKitErrorCode.ILLEGAL_APP_IDENTITY, /not enabled for the project in AppGallery Connect, or the signing profile was issued before it was enabled \(generate a new profile\); \(2\) the bundleName differs between AppGallery Connect, the signing profile and AppScope\/app\.json5; \(3\) the app is signed with automatic signing instead of the manual AppGallery Connect certificate and profile; \(4\) the certificate has expired\. Legacy: a literal "client_id" metadata entry, which HarmonyOS NEXT no longer needs/],
    [PushKitErrorCode.NETWORK_UNAVAILABLE, /no network: getToken is retried with backoff, and again on the next start once the network is back/],
    [PushKitErrorCode.PUSH_RIGHTS_NOT_ACTIVATED, /enable Push Kit for the project in AppGallery Connect, then generate a new signing profile and sign the app with it/],
    [PushKitErrorCode.CROSS_LOCATION_NOT_ALLOWED, /region: the data processing location set for the project in AppGallery Connect does not serve it/],
    [PushKitErrorCode.TOKEN_NOT_SUPPORTED, /cannot get a push token/],
    [PushKitErrorCode.TOO_MANY_PROFILE_BINDINGS, /too many profile-app bindings on this device; unbind old profiles first/],
    [PushKitErrorCode.DISTRIBUTED_ACCOUNT_NOT_LOGGED_IN, /no HUAWEI ID \(OS distributed account\) is signed in/]
  ];
  for (const [code, hint] of hints) {
    t.match(new PushKitError(code, 'x').hint, hint, String(code));
  }
  t.equal(new Set(hints.map(([code]) => new PushKitError(code, 'x').hint)).size, hints.length, 'no two codes share a hint');
});

t.test('the error reads as a Push Kit error with its code and the kit\'s message', async (t) => {
  t.equal(String(new PushKitError(1000900011, 'Network is unavailable')),
    'PushKitError: Push Kit error 1000900011: Network is unavailable');
  t.equal(new PushKitError(1000900042, 'something new').hint,
    'Unlisted Push Kit error: look the code up in the Push Kit error-code reference.');
});
