import t from 'tap';
import {
  Cancellation,
  CancelledError,
  ClientError,
  NetworkError,
  RequestRejectedError,
  RetryOptions,
  ServerBusyError,
  withRetry
} from '../../src/index';
import { FakeClock, rejection } from './fakes';

t.test('each failure shows the developer its name, its message and what to do about it', async (t) => {
  const network = new NetworkError('POST https://push.example.com failed: connect ECONNREFUSED');
  t.type(network, ClientError);
  t.equal(String(network), 'NetworkError: POST https://push.example.com failed: connect ECONNREFUSED');
  t.equal(network.retryable, true);
  t.match(network.hint, /device network.*configured server URL/);

  const busy = new ServerBusyError(503, 'retry later', 5000);
  t.equal(String(busy), 'ServerBusyError: retry later');
  t.match(busy, { status: 503, retryAfterMs: 5000, retryable: true });
  t.match(busy.hint, /down or overloaded.*next app start tries again/);
  t.not(busy.hint, network.hint, 'a server that answers is not a network problem');

  const details = [{ path: 'body.token', message: 'too short' }];
  const rejected = new RequestRejectedError(400, 'VALIDATION_FAILED', 'invalid body.token', details, 'fix the request');
  t.equal(String(rejected), 'RequestRejectedError: invalid body.token');
  t.match(rejected, { status: 400, code: 'VALIDATION_FAILED', details, retryable: false, hint: 'fix the request' });
});

t.test('a cancellation is no failure to act on: no hint, and never retried', async (t) => {
  const cancelled = new CancelledError();
  t.equal(String(cancelled), 'CancelledError: cancelled');
  t.equal(cancelled.hint, '', 'nothing for the developer to do');

  const clock = new FakeClock();
  let calls = 0;
  const error = await rejection(withRetry(async () => {
    calls++;
    throw new CancelledError();
  }, new RetryOptions(clock, new Cancellation())));
  t.type(error, CancelledError);
  t.equal(calls, 1, 'an operation that reports its own cancellation is not run again');
  t.same(clock.delays, [], 'nor waited for');
});
