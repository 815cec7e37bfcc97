import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AuditAction, maskToken } from '@harmony-push/shared';
import { errorBody } from '../http-schemas';
import { errors } from '../errors';
import { registeredToken, tokenListQuery, tokenPage, tokenParams, tokenRegistration, tokenSummary } from './schemas';

/** Device routes carry small JSON bodies; anything larger is refused before parsing. */
export const DEVICE_BODY_LIMIT = 16 * 1024;

const deviceErrors = { 400: errorBody, 401: errorBody, 403: errorBody, 413: errorBody, 429: errorBody, 503: errorBody };

const routes: FastifyPluginAsyncZod = async (app) => {
  const device = { onRequest: app.requireAppKey, bodyLimit: DEVICE_BODY_LIMIT, config: { rateLimit: {} } };

  app.post(
    '/tokens',
    {
      ...device,
      schema: {
        tags: ['device'],
        summary: 'Register or refresh a push token',
        description:
          'New token: 201. Known token: 200, last-seen refreshed, re-activated if disabled. ' +
          '`Authorization: Bearer <user JWT>` binds the token to the verified user (`sub`); nothing else binds it. ' +
          'With `previousToken` the old record is replaced when it is unbound or bound to that same user; a binding ' +
          'never moves with it. The answer never shows the user binding.',
        security: [{ appKey: [] }, { appKey: [], bearer: [] }],
        body: tokenRegistration,
        response: { 200: registeredToken, 201: registeredToken, ...deviceErrors }
      }
    },
    async (request, reply) => {
      const userId = await app.userIdOf(request);
      const outcome = await app.tokens.register(request.body, userId);
      return reply.code(outcome.created ? 201 : 200).send(outcome.token);
    }
  );

  app.delete(
    '/tokens/:token',
    {
      ...device,
      schema: {
        tags: ['device'],
        summary: 'Unregister a push token (after deleteToken)',
        security: [{ appKey: [] }],
        params: tokenParams,
        response: { 204: z.null().describe('removed, or was not registered'), ...deviceErrors }
      }
    },
    async (request, reply) => {
      await app.tokens.remove(request.params.token);
      return reply.code(204).send(null);
    }
  );

  app.delete(
    '/tokens/:token/user',
    {
      ...device,
      schema: {
        tags: ['device'],
        summary: 'Unbind the token from its user (logout); the token stays registered',
        security: [{ appKey: [] }],
        params: tokenParams,
        response: { 204: z.null().describe('unbound, or was not bound'), ...deviceErrors }
      }
    },
    async (request, reply) => {
      await app.tokens.unbindUser(request.params.token);
      return reply.code(204).send(null);
    }
  );

  app.get(
    '/tokens',
    {
      onRequest: app.requireAdminKey,
      schema: {
        tags: ['admin'],
        summary: 'List registered tokens (masked) in registration order, with cursor pagination',
        security: [{ bearer: [] }],
        querystring: tokenListQuery,
        response: { 200: tokenPage, 400: errorBody, 401: errorBody, 403: errorBody, 503: errorBody }
      }
    },
    async (request) => app.tokens.list(request.query)
  );

  const testDevice = (method: 'PUT' | 'DELETE', marked: boolean, summary: string) =>
    app.route({
      method,
      url: '/tokens/:token/test-device',
      onRequest: app.requireAdminKey,
      // The subject is the token masked, as everywhere the admin side shows one.
      config: {
        audit: {
          action: marked ? AuditAction.TEST_DEVICE_ADD : AuditAction.TEST_DEVICE_REMOVE,
          subject: (request) => maskToken((request.params as { token: string }).token)
        }
      },
      schema: {
        tags: ['admin'],
        summary,
        description:
          'Test devices receive the sends whose target is `{ testDevices: true }`, as test messages. ' +
          'Idempotent; answers the token as GET /tokens shows it.',
        security: [{ bearer: [] }],
        params: tokenParams,
        response: { 200: tokenSummary, 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 503: errorBody }
      },
      handler: async (request) => {
        const token = await app.tokens.setTestDevice(request.params.token, marked);
        if (!token) throw errors.notFound('no registered token like this');
        return token;
      }
    });
  testDevice('PUT', true, 'Mark a registered token as a test device');
  testDevice('DELETE', false, 'Unmark a test device');
};

export default routes;
