import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errors } from '../errors';
import { errorBody } from '../http-schemas';
import { callbackHeaders, receiptAcknowledgement, receiptCallback } from './schemas';
import type { Caller } from './service';
import { CALLBACK_ID_HEADER } from './signature';

/** 100 statuses with tokens of the longest length accepted fit; real callbacks are a few tens of kilobytes. */
const RECEIPT_BODY_LIMIT = 1024 * 1024;

/** What Push Kit must get back once the statuses are stored (push-api-msg-receipt). */
const ACKNOWLEDGED = { code: '0', message: 'success' };

declare module 'fastify' {
  interface FastifyRequest {
    receiptCaller: Caller | null;
  }
}

const routes: FastifyPluginAsyncZod = async (app) => {
  // Stryker disable next-line StringLiteral: onRequest sets the property before anything reads it; the decoration only gives requests their shape
  app.decorateRequest('receiptCaller', null);

  app.post(
    '/receipts',
    {
      bodyLimit: RECEIPT_BODY_LIMIT,
      // Before the body is read: an unknown route, or a caller without a valid signature, costs no parsing.
      onRequest: async (request) => {
        if (!app.receiptService.enabled) throw errors.notFound('no route for POST /receipts');
        const header = request.headers[CALLBACK_ID_HEADER];
        // Stryker disable next-line ConditionalExpression,StringLiteral: Node joins a repeated header into one string (only set-cookie is an array), so it is never an array here
        request.receiptCaller = app.receiptService.authenticate(Array.isArray(header) ? header.join(',') : header);
      },
      schema: {
        tags: ['receipts'],
        summary: 'Delivery receipts from Push Kit (the V2 receipt URL configured in AppGallery Connect)',
        description:
          'Signed by Huawei in X-HUAWEI-CALLBACK-ID with the callback user name and secret (PUSHKIT_RECEIPT_USERNAME, ' +
          'PUSHKIT_RECEIPT_SECRET): a timestamp more than 5 minutes away, a nonce seen before or a signature that does ' +
          'not match is a 401 and nothing is stored. Without credentials the route is a 404 unless ' +
          'PUSHKIT_RECEIPTS_UNSIGNED=true. 200 once every status is stored; the same status again changes nothing.',
        headers: callbackHeaders,
        body: receiptCallback,
        response: { 200: receiptAcknowledgement, 400: errorBody, 401: errorBody, 404: errorBody, 413: errorBody, 503: errorBody }
      }
    },
    async (request) => {
      await app.receiptService.accept(request.body.statuses, request.receiptCaller ?? {});
      return ACKNOWLEDGED;
    }
  );
};

export default routes;
