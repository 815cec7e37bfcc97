import t from 'tap';
import { PushType } from '@harmony-push/shared';
import { ADMIN_KEY, APP_KEY, startTestService } from '../helpers/service';

const { app, emulator, logs } = await startTestService(t, { LOG_LEVEL: 'debug' }, undefined, { withoutRights: [PushType.VOIP_CALL] });
const admin = { authorization: `Bearer ${ADMIN_KEY}` };

async function registeredDevices(count: number): Promise<string[]> {
  const tokens: string[] = [];
  for (let i = 0; i < count; i++) {
    const token = (await emulator.inject({ method: 'POST', url: '/emulator/devices', payload: { deviceType: 'phone' } })).json().token;
    await app.inject({ method: 'POST', url: '/tokens', headers: { 'x-app-key': APP_KEY }, payload: { token, deviceType: 'phone' } });
    tokens.push(token);
  }
  return tokens;
}

const tokens = await registeredDevices(2);
const voip = await app.inject({
  method: 'POST',
  url: '/send',
  headers: admin,
  payload: { pushType: PushType.VOIP_CALL, payload: { extraData: '{"scene":"voice"}' }, target: { all: true } }
});
const alert = await app.inject({
  method: 'POST',
  url: '/send',
  headers: admin,
  payload: {
    pushType: PushType.ALERT,
    payload: { notification: { category: 'IM', title: 'T', body: 'B', clickAction: { actionType: 0 } } },
    target: { tokens: [...tokens, 'MAAAforgedtoken0123456789abcdef'] }
  }
});

t.test('a permission reason is a configuration error and leaves the tokens active', async (t) => {
  t.equal(voip.statusCode, 200);
  const body = voip.json();
  t.match(body, { requested: 2, accepted: 0, failed: 2 });
  t.same(body.configurationErrors, [{ reason: 'noPushTypeRight', tokens: 2, hint: body.configurationErrors[0].hint }]);
  t.match(body.configurationErrors[0].hint, /right/);
  const { rows } = await app.pg.query('SELECT status FROM push_tokens WHERE token = ANY($1)', [tokens]);
  t.same(rows, [{ status: 'active' }, { status: 'active' }], 'no token was disabled');
  t.match(logs.text(), /"reason":"noPushTypeRight".*"msg":"Push Kit configuration error"/, 'the logs say so');
});

t.test('GET /metrics reports sends, tokens, Push Kit answers, JWT signings and the registry', async (t) => {
  t.equal(alert.statusCode, 200);
  const denied = await app.inject({ method: 'GET', url: '/metrics' });
  t.equal(denied.statusCode, 401, 'the metrics need the admin key');
  const res = await app.inject({ method: 'GET', url: '/metrics', headers: admin });
  t.equal(res.statusCode, 200);
  t.match(res.headers['content-type'], /text\/plain/);
  const text = res.body;
  const expectations: RegExp[] = [
    /harmony_push_sends_total\{push_type="10"\} 1/,
    /harmony_push_sends_total\{push_type="0"\} 1/,
    /harmony_push_send_tokens_total\{push_type="0",outcome="accepted",reason=""\} 2/,
    /harmony_push_send_tokens_total\{push_type="0",outcome="failed",reason="tokenFormatError"\} 1/,
    /harmony_push_send_tokens_total\{push_type="10",outcome="failed",reason="noPushTypeRight"\} 2/,
    /harmony_push_pushkit_answers_total\{code="80300007"\} 1/,
    /harmony_push_pushkit_answers_total\{code="80100000"\} 1/,
    /harmony_push_configuration_errors_total\{reason="noPushTypeRight"\} 2/,
    /harmony_push_jwt_signings 1/,
    /harmony_push_registry_tokens\{status="active"\} 2/,
    /harmony_push_http_request_duration_seconds_count\{method="POST",route="\/send",status_code="200"\} 2/,
    /harmony_push_process_resident_memory_bytes \d+/
  ];
  for (const expected of expectations) t.match(text, expected, String(expected));
});

t.test('sends log no full token, key or JWT', async (t) => {
  const jwt = await app.pushKit.jwt.token();
  const text = logs.text();
  t.ok(text.includes('dead tokens disabled'), 'the send was logged');
  for (const secret of [...tokens, 'MAAAforgedtoken0123456789abcdef', jwt, ADMIN_KEY, APP_KEY]) {
    t.notOk(text.includes(secret), `not logged: ${secret.slice(0, 8)}…`);
  }
  t.notOk(text.includes('PRIVATE KEY'), 'no private key');
});

t.test('the console’s overview lists the latest configuration errors with their hints', async (t) => {
  const res = await app.inject({ method: 'GET', url: '/overview', headers: admin });
  t.equal(res.statusCode, 200, res.body);
  const problems = res.json().health.configurationErrors;
  t.equal(problems.length, 1, 'only the send that had one');
  t.match(problems[0], { sendId: voip.json().sendId, reason: 'noPushTypeRight', tokens: 2, hint: /\S/, at: /^\d{4}-/ });
  t.equal(problems[0].hint, voip.json().configurationErrors[0].hint);
});
