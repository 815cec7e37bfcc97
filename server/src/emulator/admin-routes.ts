import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DeviceType, PushType, maskToken } from '@harmony-push/shared';
import { errors } from '../errors';
import { errorBody } from '../http-schemas';
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

/** Control routes of the emulator (no authentication: it is a development tool). */
export const adminRoutes: FastifyPluginAsyncZod = async (app) => {
  const { deviceTokens: tokens, inbox, faults: injector } = app.pushKitEmulator;

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
