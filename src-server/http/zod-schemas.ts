import { type FastifyInstance, type FastifySchemaCompiler, type FastifyTypeProvider } from 'fastify';
import { type z } from 'zod';
import { DomainError } from '../domain/domain-error';

/**
 * Routes declare their request and response schemas with the shared zod schemas (src-shared/contracts/http.ts),
 * the very ones the desktop client parses answers with. This provider types `request.body`/`query` from them.
 */
export interface ZodTypeProvider extends FastifyTypeProvider {
  validator: this['schema'] extends z.ZodType ? z.output<this['schema']> : unknown;
  serializer: this['schema'] extends z.ZodType ? z.input<this['schema']> : unknown;
}

const isZod = (schema: unknown): schema is z.ZodType =>
  typeof schema === 'object' && schema !== null && typeof (schema as { safeParse?: unknown }).safeParse === 'function';

/** A refusal names the first field that is wrong: `device: Invalid string` (code invalid-request, status 400). */
export function invalidRequest(error: z.ZodError): DomainError {
  const issue = error.issues[0];
  const where = issue?.path.length ? issue.path.join('.') : 'body';
  return new DomainError('invalid-request', `${where}: ${issue?.message ?? 'invalid'}`);
}

/** Parses with a shared schema outside a route schema (forms, headers); throws invalid-request. */
export function parseWith<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw invalidRequest(result.error);
  return result.data;
}

const validatorCompiler: FastifySchemaCompiler<unknown> =
  ({ schema }) =>
  (data) => {
    if (!isZod(schema)) return { value: data };
    const result = schema.safeParse(data);
    return result.success ? { value: result.data } : { error: invalidRequest(result.error) };
  };

/**
 * Answers are checked against their declared schema before they leave: an answer the client could not parse is a
 * bug of ours, answered as `internal` (500) and logged, never sent half-right.
 */
export function checkedJson(schema: z.ZodType, data: unknown): string {
  const result = schema.safeParse(data);
  if (!result.success) throw new Error(`response does not match its schema: ${invalidRequest(result.error).message}`);
  return JSON.stringify(data);
}

function serializerCompiler({ schema }: { schema: unknown }): (data: unknown) => string {
  if (!isZod(schema)) return (data) => JSON.stringify(data);
  return (data) => checkedJson(schema, data);
}

export function useZodSchemas(app: FastifyInstance): void {
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
}
