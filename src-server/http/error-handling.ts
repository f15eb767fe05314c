import { type FastifyInstance } from 'fastify';
import { asDomainError } from '../domain/rules-errors';
import { statusFor } from './error-status';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** An access check (the update feed): every refusal of the license is answered 403. */
    accessCheck?: boolean;
  }
}

/**
 * Every failure leaves as `{ error: { code, message, details? } }` with a stable code and the status of that code
 * (error-status.ts); nothing internal leaks.
 */
export function installErrorHandling(app: FastifyInstance): void {
  app.setNotFoundHandler((_request, reply) => {
    void reply.status(404).send({ error: { code: 'not-found', message: 'no such route' } });
  });
  app.setErrorHandler((error, request, reply) => {
    const domain = asDomainError(error);
    if (domain) {
      const accessCheck = request.routeOptions.config?.accessCheck === true;
      return reply.status(statusFor(domain.code, { accessCheck })).send(domain.body);
    }
    // Fastify's own refusals before a route runs: body too large, unparsable JSON, unsupported content type.
    const status = (error as { statusCode?: number }).statusCode;
    if (status === 429) return reply.status(429).send({ error: { code: 'rate-limited', message: 'too many requests' } });
    if (status === 413)
      return reply.status(413).send({ error: { code: 'payload-too-large', message: 'the request body is larger than allowed' } });
    if (status && status >= 400 && status < 500) {
      return reply.status(400).send({ error: { code: 'invalid-request', message: (error as Error).message } });
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.status(500).send({ error: { code: 'internal', message: 'internal error' } });
  });
}
