import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorBody } from '../http-schemas';
import { auditPage, auditQuery } from './schemas';

const routes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/audit',
    {
      onRequest: app.requireAdminKey,
      schema: {
        tags: ['admin'],
        summary: 'The audit log: admin actions, newest first (sends, cancels, revokes, test-device changes, exports)',
        security: [{ bearer: [] }],
        querystring: auditQuery,
        response: { 200: auditPage, 400: errorBody, 401: errorBody, 403: errorBody, 503: errorBody }
      }
    },
    async (request) => app.auditLog.page(request.query)
  );
};

export default routes;
