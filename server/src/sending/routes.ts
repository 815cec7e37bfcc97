import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AuditAction, type SendResponse } from '@harmony-push/shared';
import { errorBody } from '../http-schemas';
import { errors } from '../errors';
import { quotaResponse, revokeResponse, sendHeaders, sendParams, sendRequest, sendResponse } from './schemas';

/** Room for MAX_DIRECT_TOKENS tokens of 4096 characters would be 40 MB; real tokens are ~150 characters. */
const SEND_BODY_LIMIT = 4 * 1024 * 1024;

const routes: FastifyPluginAsyncZod = async (app) => {
  const adminErrors = { 400: errorBody, 401: errorBody, 403: errorBody, 503: errorBody };

  app.post(
    '/send',
    {
      onRequest: app.requireAdminKey,
      bodyLimit: SEND_BODY_LIMIT,
      config: { audit: { action: AuditAction.SEND, subject: (_request, answer) => (answer as SendResponse).sendId } },
      schema: {
        tags: ['admin'],
        summary: 'Send a message to tokens, users, device types or everyone',
        description:
          'The push-type picks the payload rules; every failing path is listed in a 400 before anything is sent. ' +
          'Up to 1000 resolved tokens: sent at once, 200 with a result per token in target order (tokens masked). ' +
          'More: a broadcast job, 202 with its sendId; progress at GET /sends/:id. The same Idempotency-Key within ' +
          '24 h returns the stored send and sends nothing; with a different request it is a 409.',
        security: [{ bearer: [] }],
        headers: sendHeaders,
        body: sendRequest,
        response: { 200: sendResponse, 202: sendResponse, 409: errorBody, 413: errorBody, ...adminErrors }
      }
    },
    async (request, reply) => {
      const result = await app.sendService.send(request.body, request.headers['idempotency-key']);
      if (result.replayed) reply.header('idempotent-replayed', 'true');
      return reply.code(result.queued ? 202 : 200).send(result.response);
    }
  );

  app.get(
    '/sends/:id',
    {
      onRequest: app.requireAdminKey,
      schema: {
        tags: ['admin'],
        summary: 'A send and its outcome',
        security: [{ bearer: [] }],
        params: sendParams,
        response: { 200: sendResponse, 404: errorBody, ...adminErrors }
      }
    },
    async (request) => {
      const send = await app.sendService.get(request.params.id);
      if (!send) throw errors.notFound(`no send ${request.params.id}`);
      return send;
    }
  );

  app.post(
    '/sends/:id/cancel',
    {
      onRequest: app.requireAdminKey,
      config: { audit: { action: AuditAction.CANCEL, subject: (request) => (request.params as { id: string }).id } },
      schema: {
        tags: ['admin'],
        summary: 'Stop a running broadcast between batches',
        description: 'Once this answers, no further batch of the send starts. A finished send is left as it is.',
        security: [{ bearer: [] }],
        params: sendParams,
        response: { 200: sendResponse, 404: errorBody, ...adminErrors }
      }
    },
    async (request) => {
      const send = await app.sendService.cancel(request.params.id);
      if (!send) throw errors.notFound(`no send ${request.params.id}`);
      return send;
    }
  );

  app.post(
    '/sends/:id/revoke',
    {
      onRequest: app.requireAdminKey,
      config: { audit: { action: AuditAction.REVOKE, subject: (request) => (request.params as { id: string }).id } },
      schema: {
        tags: ['admin'],
        summary: 'Take an alert or voice broadcast back from the devices (Push Kit messages:revoke)',
        description:
          'One Push Kit revoke request per batch of the send, with its notifyId and push-type (0 or 2); each batch ' +
          "reports Push Kit's answer. 409 for a send that cannot be revoked (another push-type, no notifyId, still " +
          'sending); 501 without PUSHKIT_CLIENT_ID. Revoking twice is harmless.',
        security: [{ bearer: [] }],
        params: sendParams,
        response: { 200: revokeResponse, 404: errorBody, 409: errorBody, 501: errorBody, ...adminErrors }
      }
    },
    async (request) => {
      const revoked = await app.revokeService.revoke(request.params.id);
      if (!revoked) throw errors.notFound(`no send ${request.params.id}`);
      return revoked;
    }
  );

  app.get(
    '/quota',
    {
      onRequest: app.requireAdminKey,
      schema: {
        tags: ['admin'],
        summary: "Today's test messages against Huawei's 1000 per project per day",
        description: 'Successful test-message requests of the quota day (China Standard Time, UTC+8).',
        security: [{ bearer: [] }],
        response: { 200: quotaResponse, ...adminErrors }
      }
    },
    async () => ({ testMessages: await app.testMessageQuota.today() })
  );
};

export default routes;

