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
