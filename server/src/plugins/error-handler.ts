import http from 'node:http';
import type { Socket } from 'node:net';
import fp from 'fastify-plugin';
import type { FastifyError, FastifyReply, FastifyRequest, FastifyServerOptions } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { ErrorDetail } from '@harmony-push/shared';
import { AppError, errors } from '../errors';
import { isDatabaseUnavailable } from '../db/errors';
import { redactUrl } from '../logging';

/** A schema's failures as the 400's details: `where` (body, querystring, ...) then the field's path. */
export function validationDetails(validation: { instancePath: string; message?: string }[], where = 'request'): ErrorDetail[] {
  return validation.map((issue) => ({
    path: [where, ...issue.instancePath.split('/').filter((part) => part.length > 0)].join('.'),
    message: issue.message ?? 'is invalid'
  }));
}

/** Turns anything thrown into a catalogue error; unknown failures become a 500 whose details stay in the log. */
function toAppError(error: FastifyError, request: FastifyRequest): AppError {
  if (error instanceof AppError) return error;
  if (hasZodFastifySchemaValidationErrors(error)) return errors.validation(validationDetails(error.validation, error.validationContext));
  if (isDatabaseUnavailable(error)) return errors.databaseUnavailable();
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return errors.payloadTooLarge(request.routeOptions.bodyLimit);
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return errors.unsupportedMediaType(error.message.split(': ').pop() ?? 'unknown');
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return errors.validation([{ path: 'headers.content-length', message: error.message }]);
    // Fastify's own JSON parser, which the emulator keeps (the service parses JSON in plugins/input-guard).
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return errors.validation([{ path: 'body', message: 'a JSON body is required' }]);
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

/**
 * Errors Fastify meets before routing (a path parameter over `maxParamLength`, a URL that does not decode), in the
 * same body as every other error. Passed to the Fastify constructor.
 */
export function frameworkErrors(maxParamLength: number): NonNullable<FastifyServerOptions['frameworkErrors']> {
  return (error, request, reply) => {
    const appError =
      error.code === 'FST_ERR_MAX_PARAM_LENGTH'
        ? errors.uriTooLong(maxParamLength)
        : error.code === 'FST_ERR_BAD_URL'
          ? errors.validation([{ path: 'url', message: 'the URL does not decode' }])
          : errors.internal();
    request.log.info({ error: appError.code }, appError.message);
    void sendError(reply, appError);
  };
}

/**
 * Errors Node's HTTP parser meets before Fastify sees a request (headers too large, a request timeout, a malformed request), answered
 * in the catalogue's body; the connection is closed after it, as Node does.
 */
export function clientErrorHandler(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed || !socket.writable) {
    socket.destroy();
    return;
  }
  const appError =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? errors.headersTooLarge()
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? errors.requestTimeout()
        : errors.validation([{ path: 'request', message: 'the HTTP request is malformed' }]);
  const body = JSON.stringify(appError.toBody());
  socket.end(
    `HTTP/1.1 ${appError.statusCode} ${http.STATUS_CODES[appError.statusCode]}\r\n` +
      `Connection: close\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`
  );
}

export default fp(
  async (app) => {
    app.setErrorHandler((error: FastifyError, request, reply) => {
      const appError = toAppError(error, request);
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
