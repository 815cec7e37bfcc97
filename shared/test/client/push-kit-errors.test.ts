import t from 'tap';
import { ClientError, PushKitError, PushKitErrorCode } from '../../src/index';

t.test('1000900010 names the three causes of an illegal app identity', async (t) => {
  const error = new PushKitError(PushKitErrorCode.ILLEGAL_APP_IDENTITY, 'Illegal application identity');
  t.type(error, ClientError);
  t.equal(error.code, 1000900010);
  t.equal(error.retryable, false);
  t.equal(error.message, 'Push Kit error 1000900010: Illegal application identity');
  t.match(error.hint, /AppGallery Connect/);
  t.match(error.hint, /SHA256 fingerprint/);
  t.match(error.hint, /"client_id" metadata/);
});

t.test('transient Push Kit errors are retryable, configuration errors are not', async (t) => {
  const retryable = (code: number) => new PushKitError(code, 'x').retryable;
  t.same(
    [1000900001, 1000900008, 1000900009].map(retryable),
    [true, true, true],
    'system error, connection to the push service, push service error'
  );
  t.same([401, 1000900002, 1000900003, 1000900004, 1000900010].map(retryable), [false, false, false, false, false]);
});

t.test('1000900001 hints at a duplicate tokenUpdate listener', async (t) => {
  t.match(new PushKitError(1000900001, 'System internal error').hint, /registered twice/);
});

t.test('an unlisted code gets a generic hint', async (t) => {
  const error = new PushKitError(1000900042, 'something new');
  t.equal(error.retryable, false);
  t.match(error.hint, /error-code reference/);
});
