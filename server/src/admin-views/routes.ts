import { Readable } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AuditAction } from '@harmony-push/shared';
import { errors } from '../errors';
import { errorBody } from '../http-schemas';
import { tokenIdParams } from '../registry/schemas';
import { sendTarget } from '../sending/schemas';
import {
  audienceCount,
  deviceDetail,
  overviewResponse,
  sendExportQuery,
  sendHistoryPage,
  sendHistoryQuery
} from './schemas';

const adminErrors = { 400: errorBody, 401: errorBody, 403: errorBody, 503: errorBody };

/** The admin views of the operator console (/console); every one needs the admin key. */
const routes: FastifyPluginAsyncZod = async (app) => {
  const admin = { onRequest: app.requireAdminKey };
  const views = app.adminViews;

  app.get(
    '/overview',
    {
      ...admin,
      schema: {
        tags: ['admin'],
        summary: 'Devices by type and status, recent sends, the delivery funnel by day and the configuration health',
        security: [{ bearer: [] }],
        response: { 200: overviewResponse, ...adminErrors }
      }
    },
    async () => views.overview()
  );

  app.get(
    '/sends',
    {
      ...admin,
      schema: {
        tags: ['admin'],
        summary: 'Send history, newest first, with counts and delivery summaries (no per-token results)',
        security: [{ bearer: [] }],
        querystring: sendHistoryQuery,
        response: { 200: sendHistoryPage, ...adminErrors }
      }
    },
    async (request) => views.history(request.query)
  );

  app.get(
    '/sends/export.csv',
    {
      ...admin,
      config: {
        audit: {
          action: AuditAction.EXPORT,
          subject: (request) => {
            const { state } = request.query as { state?: string };
            return state === undefined ? 'sends.csv' : `sends.csv state=${state}`;
          }
        }
      },
      schema: {
        tags: ['admin'],
        summary: 'The send history as CSV (one line per send; audited)',
        description: 'Answers 200 with text/csv, streamed: a header line, then every send newest first.',
        security: [{ bearer: [] }],
        querystring: sendExportQuery,
        produces: ['text/csv'],
        response: { 200: z.unknown().describe('text/csv'), ...adminErrors }
      }
    },
    async (request, reply) =>
      reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="sends.csv"')
        .send(Readable.from(views.exportCsv(request.query.state)))
  );

  app.post(
    '/audience/count',
    {
      ...admin,
      schema: {
        tags: ['admin'],
        summary: 'How many tokens a send target resolves to now',
        security: [{ bearer: [] }],
        body: sendTarget,
        response: { 200: audienceCount, ...adminErrors }
      }
    },
    async (request) => views.audienceCount(request.body)
  );

  app.get(
    '/tokens/:id',
    {
      ...admin,
      schema: {
        tags: ['admin'],
        summary: 'A registered device (masked), and the latest sends that named it with their results and receipts',
        security: [{ bearer: [] }],
        params: tokenIdParams,
        response: { 200: deviceDetail, 404: errorBody, ...adminErrors }
      }
    },
    async (request) => {
      const detail = await views.device(request.params.id);
      if (!detail) throw errors.notFound(`no registered token ${request.params.id}`);
      return detail;
    }
  );
};

export default routes;
