import { createPublicKey } from 'node:crypto';
import fp from 'fastify-plugin';
import type { FastifyRequest } from 'fastify';
import { createRemoteJWKSet, errors as joseErrors, jwtVerify, type JWTVerifyGetKey, type KeyObject } from 'jose';
import { MAX_USER_ID_LENGTH } from '@harmony-push/shared';
import type { UserJwtConfig } from '../config';
import { errors } from '../errors';
import { textProblem } from '../input/text';
import { bearerToken } from './auth';

declare module 'fastify' {
  interface FastifyInstance {
    /**
     * The user id (`sub`) of a verified login JWT in `Authorization: Bearer`, or undefined when the
     * request carries none. A JWT that does not verify is a 401: a user id never comes from the body.
     */
    userIdOf(request: FastifyRequest): Promise<string | undefined>;
  }
}

type VerificationKey = JWTVerifyGetKey | KeyObject | Uint8Array;

function verificationKey(config: UserJwtConfig): VerificationKey {
  switch (config.key.kind) {
    case 'jwks':
      return createRemoteJWKSet(new URL(config.key.url), { timeoutDuration: 3000 });
    case 'publicKey':
      return createPublicKey(config.key.pem);
    case 'secret':
      return new TextEncoder().encode(config.key.secret);
  }
}

function reasonOf(error: unknown): string {
  if (error instanceof joseErrors.JWTExpired) return 'the user JWT has expired';
  if (error instanceof joseErrors.JWTClaimValidationFailed) return `the user JWT claim "${error.claim}" is invalid`;
  if (error instanceof joseErrors.JWSSignatureVerificationFailed) return 'the user JWT signature does not verify';
  if (error instanceof joseErrors.JOSEAlgNotAllowed) return 'the user JWT algorithm is not allowed';
  return 'the user JWT is malformed or cannot be verified';
}

export default fp<{ userJwt?: UserJwtConfig }>(
  async (app, options) => {
    const config = options.userJwt;
    const key = config ? verificationKey(config) : undefined;

    app.decorate('userIdOf', async (request: FastifyRequest) => {
      const jwt = bearerToken(request);
      if (jwt === undefined) return undefined;
      if (!config || key === undefined) throw errors.invalidUserToken('user binding is not configured on this server');
      const verifyOptions = { issuer: config.issuer, audience: config.audience, requiredClaims: ['sub', 'exp'] };
      let subject: string | undefined;
      try {
        const verified = typeof key === 'function' ? await jwtVerify(jwt, key, verifyOptions) : await jwtVerify(jwt, key, verifyOptions);
        subject = verified.payload.sub;
      } catch (error) {
        request.log.info({ reason: reasonOf(error) }, 'user JWT rejected');
        throw errors.invalidUserToken(reasonOf(error));
      }
      if (!subject) throw errors.invalidUserToken('the user JWT has an empty subject');
      // A verified subject may still be one no user id can be: refused like any other bad field.
      const tooLong = subject.length > MAX_USER_ID_LENGTH ? `must be at most ${MAX_USER_ID_LENGTH} characters` : undefined;
      const problem = textProblem(subject) ?? tooLong;
      if (problem) {
        throw errors.validation([{ path: 'headers.authorization.sub', message: `the user JWT subject ${problem}` }]);
      }
      return subject;
    });
  },
  { name: 'user-jwt' }
);
