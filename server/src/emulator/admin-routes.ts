import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DeviceType, EmulatorDeviceState, PushType, maskToken, type EmulatorDevice } from '@harmony-push/shared';
import { implementsContract } from '../contract';
import { errors } from '../errors';
import { errorBody } from '../http-schemas';
import { DEFAULT_SETTINGS, REPLACED, type DeviceSettings } from './device-states';
import { faultSettings } from './faults';

const deviceMessage = z.object({
  requestId: z.string(),
  receivedAt: z.string(),
  pushType: z.enum(PushType),
  payload: z.unknown(),
  pushOptions: z.unknown().optional(),
  shown: z.boolean(),
  notShownReason: z.string().optional()
});

const faults = faultSettings.required();

const emulatorDevice = implementsContract<EmulatorDevice>()(
  z.object({ token: z.string(), deviceType: z.enum(DeviceType), state: z.enum(EmulatorDeviceState), appRunning: z.boolean() })
);

const deviceParams = z.object({ token: z.string().min(1) });

const deviceUpdate = z
  .strictObject({
    state: z.enum(EmulatorDeviceState).optional(),
    appRunning: z.boolean().optional().describe('false: background messages (push-type 6) get receipt 27')
  })
  .refine((update) => update.state !== undefined || update.appRunning !== undefined, 'give state, appRunning or both');

const receiptStats = z.object({ queued: z.number().int(), delivered: z.number().int(), failed: z.number().int(), dropped: z.number().int() });

/** Control routes of the emulator (no authentication: it is a development tool). */
export const adminRoutes: FastifyPluginAsyncZod = async (app) => {
  const { deviceTokens: tokens, inbox, faults: injector, deviceStates, receipts } = app.pushKitEmulator;

  /** The device type and settings of a token that is a device's now (issued here, not replaced by a reinstall). */
  const deviceOf = (token: string): { deviceType: DeviceType; settings: DeviceSettings } => {
    const deviceType = tokens.deviceTypeOf(token);
    if (deviceType === undefined) throw errors.notFound('no virtual device has this token');
    const settings = deviceStates.of(token);
    if (settings === REPLACED) throw errors.notFound('this token was replaced by a reinstall: use the new one');
    return { deviceType, settings };
  };

  app.post(
    '/emulator/devices',
    {
      schema: {
        summary: 'Create a virtual device: its push token, as getToken() returns it on a device',
        body: z.object({
          deviceType: z.enum(DeviceType).default(DeviceType.PHONE),
          /** A token never re-fetched after its device upgraded to HarmonyOS NEXT: Push Kit answers it noRight. */
          staleAfterUpgrade: z.boolean().default(false)
        }),
        response: { 201: z.object({ token: z.string(), deviceType: z.enum(DeviceType) }), 400: errorBody }
      }
    },
    async (request, reply) => {
      const { deviceType, staleAfterUpgrade } = request.body;
      return reply.code(201).send({ token: tokens.issue(deviceType, staleAfterUpgrade), deviceType });
    }
  );

  app.patch(
    '/emulator/devices/:token',
    {
      schema: {
        summary: "Change a virtual device's state: it decides the delivery receipts of what is sent to it",
        params: deviceParams,
        body: deviceUpdate,
        response: { 200: emulatorDevice.describe('token masked'), 400: errorBody, 404: errorBody }
      }
    },
    async (request) => {
      const { token } = request.params;
      const { deviceType } = deviceOf(token);
      const settings = deviceStates.update(token, request.body);
      return { token: maskToken(token), deviceType, ...settings };
    }
  );

  app.post(
    '/emulator/devices/:token/reinstall',
    {
      schema: {
        summary: 'Reinstall the app: a new token for the device; the old one then gets receipt 5 (token mismatch)',
        params: deviceParams,
        response: { 201: emulatorDevice.describe('the new token, in full'), 400: errorBody, 404: errorBody }
      }
    },
    async (request, reply) => {
      const old = request.params.token;
      const { deviceType } = deviceOf(old);
      deviceStates.replace(old);
      const token = tokens.issue(deviceType);
      return reply.code(201).send({ token, deviceType, ...DEFAULT_SETTINGS });
    }
  );

  app.get(
    '/emulator/receipts',
    { schema: { summary: 'Counts of the delivery receipts posted to the receipt URL', response: { 200: receiptStats } } },
    async () => receipts?.stats ?? { queued: 0, delivered: 0, failed: 0, dropped: 0 }
  );

  app.get(
    '/emulator/messages',
    {
      schema: {
        summary: 'What Push Kit accepted for a device, oldest first (the latest ones only)',
        querystring: z.object({ token: z.string().min(1) }),
        response: {
          200: z.object({ token: z.string().describe('masked'), deviceType: z.enum(DeviceType), messages: z.array(deviceMessage) }),
          400: errorBody,
          404: errorBody
        }
      }
    },
    async (request) => {
      const token = request.query.token;
      const deviceType = tokens.deviceTypeOf(token);
      if (deviceType === undefined) throw errors.notFound('no virtual device has this token');
      return { token: maskToken(token), deviceType, messages: inbox.list(token) };
    }
  );

  app.get('/emulator/faults', { schema: { summary: 'The faults in force', response: { 200: faults } } }, async () => injector.current);

  app.post(
    '/emulator/faults',
    {
      schema: {
        summary: 'Replace the faults in force (omitted fields: no fault)',
        body: faultSettings,
        response: { 200: faults, 400: errorBody }
      }
    },
    async (request) => injector.set(request.body)
  );
};
