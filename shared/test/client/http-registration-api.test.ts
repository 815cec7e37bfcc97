import t from 'tap';
import {
  DeviceType,
  HttpMethod,
  HttpRegistrationApi,
  NetworkError,
  RequestRejectedError,
  ServerBusyError,
  type ClientConfig,
  type HttpTransport,
  type TransportRequest,
  type TransportResponse
} from '../../src/index';
import { rejection } from './fakes';

const TOKEN = 'MAAALgE4G98BAAAA+token/with=odd+chars';

class ScriptedTransport implements HttpTransport {
  readonly requests: TransportRequest[] = [];
  constructor(private readonly answer: TransportResponse | Error) {}

  async send(request: TransportRequest): Promise<TransportResponse> {
    this.requests.push(request);
    if (this.answer instanceof Error) throw this.answer;
    return this.answer;
  }
}

const answer = (status: number, body = '', headers: Record<string, string> = {}): TransportResponse => ({ status, body, headers });
const errorBody = (error: string, message: string, details: unknown[] = []) => JSON.stringify({ error, message, details });

function api(transport: HttpTransport, extra: Partial<ClientConfig> = {}): HttpRegistrationApi {
  return new HttpRegistrationApi({ serverUrl: 'https://push.example.com/', appKey: 'app-key-0123456789abcdef', ...extra }, transport);
}

t.test('upload posts the registration as JSON with the app key', async (t) => {
  const transport = new ScriptedTransport(answer(201, '{}'));
  await api(transport).upload({ token: TOKEN, deviceType: DeviceType.TABLET, osApiVersion: 12 });
  const [request] = transport.requests;
  t.equal(request.method, HttpMethod.POST);
  t.equal(request.url, 'https://push.example.com/tokens', 'a trailing slash of the base URL is dropped');
  t.equal(request.headers['X-App-Key'], 'app-key-0123456789abcdef');
  t.equal(request.headers['Content-Type'], 'application/json');
  t.notOk('Authorization' in request.headers, 'no login, no Authorization');
  t.same(JSON.parse(request.body ?? ''), { token: TOKEN, deviceType: 'tablet', osApiVersion: 12 });
});

t.test('upload sends the login JWT when the provider has one', async (t) => {
  const transport = new ScriptedTransport(answer(200, '{}'));
  await api(transport, { userJwt: async () => 'jwt.of.user' }).upload({ token: TOKEN, deviceType: DeviceType.PHONE });
  t.equal(transport.requests[0].headers['Authorization'], 'Bearer jwt.of.user');

  const loggedOut = new ScriptedTransport(answer(200, '{}'));
  await api(loggedOut, { userJwt: async () => undefined }).upload({ token: TOKEN, deviceType: DeviceType.PHONE });
  t.notOk('Authorization' in loggedOut.requests[0].headers);
});

t.test('unregister and unbindUser percent-encode the token into the path', async (t) => {
  const transport = new ScriptedTransport(answer(204));
  await api(transport).unregister(TOKEN);
  await api(transport).unbindUser(TOKEN);
  t.same(transport.requests.map((r) => [r.method, r.url]), [
    ['DELETE', 'https://push.example.com/tokens/MAAALgE4G98BAAAA%2Btoken%2Fwith%3Dodd%2Bchars'],
    ['DELETE', 'https://push.example.com/tokens/MAAALgE4G98BAAAA%2Btoken%2Fwith%3Dodd%2Bchars/user']
  ]);
  t.equal(transport.requests[0].body, undefined);
});

t.test('503 and 429 are retryable and carry Retry-After', async (t) => {
  const unavailable = api(new ScriptedTransport(answer(503, errorBody('DATABASE_UNAVAILABLE', 'retry later'), { 'retry-after': '5' })));
  const error = await rejection(unavailable.unregister(TOKEN));
  t.type(error, ServerBusyError);
  t.match(error, { status: 503, retryAfterMs: 5000, retryable: true, message: 'retry later' });

  const limited = api(new ScriptedTransport(answer(429, errorBody('RATE_LIMITED', 'slow down'), { 'retry-after': '2' })));
  t.match(await rejection(limited.unregister(TOKEN)), { status: 429, retryAfterMs: 2000, retryable: true });
});

t.test('a 5xx without an error body (a proxy page) is still a retryable failure', async (t) => {
  const error = await rejection(api(new ScriptedTransport(answer(502, '<html>bad gateway</html>'))).unregister(TOKEN));
  t.match(error, { name: 'ServerBusyError', message: 'HTTP 502', retryAfterMs: 0, retryable: true });
});

t.test('4xx answers are rejections with the server code, details and a hint', async (t) => {
  const details = [{ path: 'body.deviceType', message: 'invalid option' }];
  const invalid = api(new ScriptedTransport(answer(400, errorBody('VALIDATION_FAILED', 'invalid body.deviceType', details))));
  const error = await rejection(invalid.upload({ token: TOKEN, deviceType: DeviceType.PHONE }));
  t.type(error, RequestRejectedError);
  t.match(error, { status: 400, code: 'VALIDATION_FAILED', retryable: false, details });

  const unauthorized = api(new ScriptedTransport(answer(401, errorBody('UNAUTHORIZED', 'unknown app key'))));
  t.match(await rejection(unauthorized.unregister(TOKEN)), { code: 'UNAUTHORIZED', hint: /app key/ });
  const jwt = api(new ScriptedTransport(answer(401, errorBody('INVALID_USER_TOKEN', 'the user JWT has expired'))));
  t.match(await rejection(jwt.unregister(TOKEN)), { code: 'INVALID_USER_TOKEN', hint: /log the user in again/ });
  const nowhere = api(new ScriptedTransport(answer(404, 'Not Found')));
  t.match(await rejection(nowhere.unregister(TOKEN)), { status: 404, code: '', hint: /server URL/ });
});

t.test('an unexpected success status is not taken for success', async (t) => {
  const error = await rejection(api(new ScriptedTransport(answer(200, '{}'))).unregister(TOKEN));
  t.type(error, RequestRejectedError);
});

t.test('a transport failure is a retryable NetworkError that names the server, never the token', async (t) => {
  const error = await rejection(api(new ScriptedTransport(new Error('connect ECONNREFUSED'))).unregister(TOKEN));
  t.type(error, NetworkError);
  t.equal(error.message, 'DELETE https://push.example.com failed: connect ECONNREFUSED');
  t.equal((error as NetworkError).retryable, true);
});

t.test('the base URL loses every trailing slash, and only those', async (t) => {
  const transport = new ScriptedTransport(answer(204));
  await api(transport, { serverUrl: 'https://push.example.com/push//' }).unregister('abc');
  t.equal(transport.requests[0].url, 'https://push.example.com/push/tokens/abc');
});

t.test('every request asks for JSON and carries the app key', async (t) => {
  const transport = new ScriptedTransport(answer(204));
  await api(transport).unregister(TOKEN);
  await api(transport).unbindUser(TOKEN);
  t.same(transport.requests.map((r) => r.headers), [
    { 'X-App-Key': 'app-key-0123456789abcdef', 'Accept': 'application/json' },
    { 'X-App-Key': 'app-key-0123456789abcdef', 'Accept': 'application/json' }
  ], 'no body, so no Content-Type');
});

t.test('an empty login JWT is no login', async (t) => {
  const transport = new ScriptedTransport(answer(201, '{}'));
  await api(transport, { userJwt: async () => '' }).upload({ token: TOKEN, deviceType: DeviceType.PHONE });
  t.notOk('Authorization' in transport.requests[0].headers);
});

t.test('upload accepts 200 and 201 only; the deletes accept 204 only', async (t) => {
  for (const status of [200, 201]) {
    await api(new ScriptedTransport(answer(status, '{}'))).upload({ token: TOKEN, deviceType: DeviceType.PHONE });
  }
  t.type(await rejection(api(new ScriptedTransport(answer(204))).upload({ token: TOKEN, deviceType: DeviceType.PHONE })),
    RequestRejectedError);
  t.type(await rejection(api(new ScriptedTransport(answer(201, '{}'))).unbindUser(TOKEN)), RequestRejectedError);
  await api(new ScriptedTransport(answer(204))).unbindUser(TOKEN);
});

t.test('500 and above, 408 and 429 are retried; 499 and other 4xx are not', async (t) => {
  const outcome = async (status: number) => {
    const error = await rejection(api(new ScriptedTransport(answer(status))).unregister(TOKEN));
    return [error.name, (error as ServerBusyError).status, (error as ServerBusyError).retryable];
  };
  t.same(await outcome(500), ['ServerBusyError', 500, true]);
  t.same(await outcome(599), ['ServerBusyError', 599, true]);
  t.same(await outcome(408), ['ServerBusyError', 408, true]);
  t.same(await outcome(429), ['ServerBusyError', 429, true]);
  t.same(await outcome(499), ['RequestRejectedError', 499, false]);
  t.same(await outcome(409), ['RequestRejectedError', 409, false]);
  t.same(await outcome(430), ['RequestRejectedError', 430, false]);
});

t.test('Retry-After counts only as a positive number of seconds', async (t) => {
  const waited = async (headers: Record<string, string>) =>
    ((await rejection(api(new ScriptedTransport(answer(503, '', headers))).unregister(TOKEN))) as ServerBusyError).retryAfterMs;
  t.equal(await waited({ 'retry-after': '1.5' }), 1500);
  t.equal(await waited({ 'retry-after': '0' }), 0);
  t.equal(await waited({ 'retry-after': '-3' }), 0);
  t.equal(await waited({ 'retry-after': 'Wed, 21 Oct 2015 07:28:00 GMT' }), 0, 'the HTTP-date form is not understood');
  t.equal(await waited({ 'retry-after': 'Infinity' }), 0);
  t.equal(await waited({}), 0);
});

t.test('a body that is not the server\'s ErrorBody leaves the status to describe the failure', async (t) => {
  const failure = async (body: string) =>
    (await rejection(api(new ScriptedTransport(answer(400, body))).unregister(TOKEN))) as RequestRejectedError;
  for (const body of ['null', '"text"', '{"error":"VALIDATION_FAILED"}', '{"message":"no code"}',
    '{"error":42,"message":"numeric code"}', '{"error":"VALIDATION_FAILED","message":7}', '<html>', '']) {
    t.match(await failure(body), { message: 'HTTP 400', code: '', details: [] }, body);
  }
  t.match(await failure(errorBody('VALIDATION_FAILED', 'bad')), { message: 'bad', code: 'VALIDATION_FAILED' });
  t.same((await failure(JSON.stringify({ error: 'VALIDATION_FAILED', message: 'bad' }))).details, [],
    'an ErrorBody without details has none');
});

t.test('the hint follows the server code, or the status when there is none', async (t) => {
  const hint = async (status: number, body: string) =>
    ((await rejection(api(new ScriptedTransport(answer(status, body))).unregister(TOKEN))) as RequestRejectedError).hint;
  t.match(await hint(401, ''), /does not know this app key/, 'a 401 without a body is the app key too');
  t.match(await hint(403, errorBody('UNAUTHORIZED', 'unknown app key')), /does not know this app key/);
  t.match(await hint(401, errorBody('INVALID_USER_TOKEN', 'expired')), /login JWT was refused.*USER_JWT/);
  t.match(await hint(403, errorBody('FORBIDDEN', 'admin key')), /admin key is configured as the app key/);
  t.match(await hint(404, errorBody('NOT_FOUND', 'no route')), /No token API at this address/);
  t.equal(await hint(401, errorBody('VALIDATION_FAILED', 'odd')), '', 'another code on 401 is not the app key');
  t.equal(await hint(403, ''), '');
  t.equal(await hint(400, errorBody('VALIDATION_FAILED', 'bad')), '', 'nothing to advise beyond the details');
});
