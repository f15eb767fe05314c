import { type FastifyInstance } from 'fastify';
import { type z } from 'zod';
import { type ErrorCode } from '../../src-shared/contracts/error-codes';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, string | number>,
  ) {
    super(message);
  }

  get body(): { error: { code: ErrorCode; message: string; details?: Record<string, string | number> } } {
    return { error: { code: this.code, message: this.message, ...(this.details ? { details: this.details } : {}) } };
  }
}

export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  const result = schema.safeParse(body);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue?.path.length ? issue.path.join('.') : 'body';
    throw new HttpError(400, 'invalid-request', `${where}: ${issue?.message ?? 'invalid'}`);
  }
  return result.data;
}

/** Every failure leaves as `{ error: { code, message } }` with a stable code; nothing internal leaks. */
export function installErrorHandling(app: FastifyInstance): void {
  app.setNotFoundHandler((_request, reply) => {
    void reply.status(404).send({ error: { code: 'not-found', message: 'no such route' } });
  });
  app.setErrorHandler((error, request, reply) => {
    if (error instanceof HttpError) {
      return reply.status(error.status).send(error.body);
    }
    const status = (error as { statusCode?: number }).statusCode;
    if (status === 429) return reply.status(429).send({ error: { code: 'rate-limited', message: 'too many requests' } });
    if (status && status >= 400 && status < 500) {
      return reply.status(400).send({ error: { code: 'invalid-request', message: (error as Error).message } });
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.status(500).send({ error: { code: 'internal', message: 'internal error' } });
  });
}
