import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AuditAction, type TokenSummary } from '@harmony-push/shared';
import { errorBody } from '../http-schemas';
import { errors } from '../errors';
import { registeredToken, tokenIdParams, tokenListQuery, tokenPage, tokenParams, tokenRegistration, tokenSummary } from './schemas';

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

  // The console names a device by its id: it only ever sees tokens masked. Tokens have no documented minimum length,
  // so no :token segment is taken for an id: the id has a path of its own.
  const testDeviceTargets = [
    { url: '/tokens/:token/test-device', params: tokenParams, by: 'by its token (percent-encoded)' },
    { url: '/tokens/by-id/:id/test-device', params: tokenIdParams, by: 'by its id (as GET /tokens shows it)' }
  ] as const;
  for (const { url, params, by } of testDeviceTargets) {
    for (const marked of [true, false]) {
      app.route({
        method: marked ? 'PUT' : 'DELETE',
        url,
        onRequest: app.requireAdminKey,
        // The subject is the token masked, as the answer (and everywhere the admin side) shows it.
        config: {
          audit: {
            action: marked ? AuditAction.TEST_DEVICE_ADD : AuditAction.TEST_DEVICE_REMOVE,
            subject: (_request, answer) => (answer as TokenSummary).token
          }
        },
        schema: {
          tags: ['admin'],
          summary: marked ? `Mark a registered token as a test device, ${by}` : `Unmark a test device, ${by}`,
          description:
            'Test devices receive the sends whose target is `{ testDevices: true }`, as test messages. ' +
            'Idempotent; answers the token as GET /tokens shows it.',
          security: [{ bearer: [] }],
          params,
          response: { 200: tokenSummary, 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 503: errorBody }
        },
        handler: async (request) => {
          const token = await app.tokens.setTestDevice(request.params, marked);
          if (token) return token;
          // Never the token itself in an answer: an id may be echoed, a token may not.
          throw errors.notFound('id' in request.params ? `no registered token ${request.params.id}` : 'no registered token like this');
        }
      });
    }
  }
};

export default routes;
