import { type FastifyInstance } from 'fastify';
import { DomainError } from '../domain/domain-error';

const ENCODED_NUL = /%00/i;

function containsNul(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (Array.isArray(value)) return value.some(containsNul);
  if (value && typeof value === 'object') return Object.values(value).some(containsNul);
  return false;
}

/**
 * No text the service accepts has a NUL character in it, and PostgreSQL cannot even hold one in a text value (a
 * lookup with one failed as a 500 there, found by the fuzz suite on PostgreSQL): such a request is refused as
 * `invalid-request` before any route runs, on either store, so both answer alike.
 */
export function refuseNulCharacters(app: FastifyInstance): void {
  // A callback hook, not an async one: it runs on every request and has nothing to wait for (an async hook costs a
  // promise and a microtask turn per request). A throw is answered like a rejection.
  app.addHook('preValidation', (request, _reply, done) => {
    if (ENCODED_NUL.test(request.url) || request.url.includes('\u0000') || containsNul(request.body))
      throw new DomainError('invalid-request', 'text must not contain NUL characters');
    done();
  });
}
