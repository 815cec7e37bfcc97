import t, { type Test } from 'tap';
import Fastify from 'fastify';
import fp from 'fastify-plugin';
import { TokenResultStatus } from '@harmony-push/shared';
import { Metrics } from '../../src/metrics/plugin';
import pushKit, { type PushKitOptions } from '../../src/pushkit/plugin';
import type { OutgoingMessage } from '../../src/pushkit/sender';
import type { TokenOutcome } from '../../src/pushkit/outcomes';
import { evenDraws, startTestEmulator, testAlert, TEST_TOKENS_PER_SECOND } from '../helpers/pushkit';
import type { EmulatorOptions } from '../../src/emulator/app';

const ALERT: OutgoingMessage = { ...testAlert('plugin-1'), pushOptions: { testMessage: true } };

/**
 * The plugin on a bare Fastify with the service's Metrics (the metrics plugin itself needs the database), sending to a
 * fresh emulator.
 */
async function sending(t: Test, emulatorOptions: Partial<EmulatorOptions> = {}, override: Partial<PushKitOptions> = {}) {
  const { emulator, pushKit: options } = await startTestEmulator(t, emulatorOptions);
  const metrics = new Metrics();
  const app = Fastify();
  await app.register(fp(async (app) => void app.decorate('metrics', metrics), { name: 'metrics' }));
  await app.register(pushKit, { ...options, ...override });
  await app.ready();
  t.teardown(() => app.close());
  const devices = async (count: number): Promise<string[]> => {
    const tokens: string[] = [];
    for (let i = 0; i < count; i++) {
      tokens.push((await emulator.inject({ method: 'POST', url: '/emulator/devices', payload: { deviceType: 'phone' } })).json().token);
    }
    return tokens;
  };
  const send = async (tokens: string[]): Promise<TokenOutcome[]> => {
    const outcomes: TokenOutcome[] = [];
    await app.pushKit.send(ALERT, tokens, (batch) => void outcomes.push(...batch.values()));
    return outcomes;
  };
  const received = async (token: string): Promise<number> =>
    (await emulator.inject({ method: 'GET', url: `/emulator/messages?token=${token}` })).json().messages.length;
  return { app, options, metrics: () => metrics.registry.metrics(), devices, send, received };
}

t.test('needs the metrics plugin', async (t) => {
  const { pushKit: options } = await startTestEmulator(t);
  const app = Fastify();
  t.teardown(() => app.close());
  await t.rejects(
    (async () => {
      await app.register(pushKit, options);
      await app.ready();
    })(),
    /dependency 'metrics' of plugin 'pushkit'/
  );
});

t.test('the status names the Push Kit it sends to and the JWTs signed', async (t) => {
  const s = await sending(t);
  t.same(s.app.pushKitStatus(), { baseUrl: s.options.baseUrl, projectId: s.options.account.projectId, jwtSignings: 0, lastJwtSigningAt: undefined });
  await s.send(await s.devices(1));
  const status = s.app.pushKitStatus();
  t.equal(status.jwtSignings, 1);
  t.type(status.lastJwtSigningAt, 'number', 'when the JWT was signed');
});

t.test('metrics: answers and retries by code, the allowed rate and the JWT signings', async (t) => {
  const s = await sending(t, { faults: { errorRate: 0.3, errorStatuses: [502] }, random: evenDraws() });
  t.match(await s.metrics(), /^harmony_push_jwt_signings 0$/m);
  const tokens = await s.devices(50);
  const outcomes = await s.send(tokens);
  t.same(new Set(outcomes.map((outcome) => outcome.status)), new Set([TokenResultStatus.ACCEPTED]));
  const text = await s.metrics();
  t.match(text, /^harmony_push_pushkit_answers_total\{code="80000000"\} 5$/m, 'five requests of ten test tokens');
  t.match(text, /^harmony_push_pushkit_retries_total\{code="HTTP_502"\} [1-9]\d*$/m);
  t.match(text, new RegExp(`^harmony_push_flow_tokens_per_second ${TEST_TOKENS_PER_SECOND}$`, 'm'));
  t.match(text, /^harmony_push_jwt_signings 1$/m);
});

t.test('revoke is available with a Client ID only', async (t) => {
  t.equal((await sending(t)).app.pushKit.canRevoke, true);
  t.equal((await sending(t, {}, { clientId: undefined })).app.pushKit.canRevoke, false);
});

t.test('closing the app closes the connections: nothing is sent afterwards', async (t) => {
  const s = await sending(t, {}, { retry: { attempts: 2, firstDelayMs: 1, maxDelayMs: 1, totalMs: 1000 } });
  const [token] = await s.devices(1);
  t.same((await s.send([token as string])).map((outcome) => outcome.status), [TokenResultStatus.ACCEPTED]);
  await s.app.close();
  t.not((await s.send([token as string]))[0]?.status, TokenResultStatus.ACCEPTED);
  t.equal(await s.received(token as string), 1, 'only the message sent before closing');
});
