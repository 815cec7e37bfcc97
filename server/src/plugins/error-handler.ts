import fp from 'fastify-plugin';
import type { FastifyError, FastifyReply } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { ErrorDetail } from '@harmony-push/shared';
import { AppError, errors } from '../errors';
import { isDatabaseUnavailable } from '../db/errors';
import { redactUrl } from '../logging';

function validationDetails(error: FastifyError & { validation: { instancePath: string; message?: string }[] }): ErrorDetail[] {
  const where = error.validationContext ?? 'request';
  return error.validation.map((issue) => ({
    path: [where, ...issue.instancePath.split('/').filter((part) => part.length > 0)].join('.'),
    message: issue.message ?? 'is invalid'
  }));
}

/** Turns anything thrown into a catalogue error; unknown failures become a 500 whose details stay in the log. */
function toAppError(error: FastifyError): AppError {
  if (error instanceof AppError) return error;
  if (hasZodFastifySchemaValidationErrors(error)) return errors.validation(validationDetails(error));
  if (isDatabaseUnavailable(error)) return errors.databaseUnavailable();
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return errors.payloadTooLarge(Number(/\d+/.exec(error.message)?.[0] ?? 0));
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return errors.unsupportedMediaType(error.message.split(': ').pop() ?? 'unknown');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return errors.validation([{ path: 'body', message: 'a JSON body is required' }]);
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return errors.validation([{ path: 'headers.content-length', message: error.message }]);
  }
  if (error instanceof SyntaxError || error.code === 'FST_ERR_CTP_INVALID_JSON_BODY') {
    return errors.validation([{ path: 'body', message: 'body is not valid JSON' }]);
  }
  return errors.internal();
}

function sendError(reply: FastifyReply, error: AppError): FastifyReply {
  if (error.retryAfter !== undefined) reply.header('retry-after', String(error.retryAfter));
  return reply.code(error.statusCode).type('application/json').send(error.toBody());
}

export default fp(
  async (app) => {
    app.setErrorHandler((error: FastifyError, request, reply) => {
      const appError = toAppError(error);
      if (appError.statusCode >= 500) request.log.error({ err: error }, appError.message);
      else request.log.info({ error: appError.code, details: appError.details }, appError.message);
      return sendError(reply, appError);
    });
    app.setNotFoundHandler((request, reply) =>
      sendError(reply, errors.notFound(`no route for ${request.method} ${redactUrl(request.url)}`))
    );
  },
  { name: 'error-handler' }
);
