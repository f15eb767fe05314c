import { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { DomainError } from '../domain/domain-error';

const WINDOW_MS = 60_000;

/** The license a request speaks for, wherever the route carries it (JSON body, form body or query string). */
function licenseOf(request: FastifyRequest): string | null {
  for (const source of [request.body, request.query]) {
    if (source && typeof source === 'object') {
      const value = (source as Record<string, unknown>).licenseNumber ?? (source as Record<string, unknown>).license;
      if (typeof value === 'string' && value.length > 0 && value.length <= 64) return value.replace(/[\s-]/g, '').toUpperCase();
    }
  }
  return null;
}

/**
 * The per-license limit beside the per-address one (@fastify/rate-limit): many addresses hammering one license
 * number (a leaked number, a looping client behind a carrier NAT) are slowed as well. A fixed one-minute window in
 * this process's memory: behind a load balancer each instance counts its own share, which is what a limit meant
 * to stop floods needs. Runs after the body is parsed, before the handler.
 */
export function installLicenseRateLimit(app: FastifyInstance, maxPerMinute: number, now: () => number = Date.now): void {
  const windows = new Map<string, { startedAt: number; count: number }>();
  let sweptAt = now();
  // A callback hook (nothing to wait for): no promise and microtask turn per request. A throw is answered as usual.
  app.addHook('preHandler', (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
    const license = licenseOf(request);
    if (!license) return done();
    const at = now();
    if (at - sweptAt > WINDOW_MS) {
      for (const [key, window] of windows) if (at - window.startedAt >= WINDOW_MS) windows.delete(key);
      sweptAt = at;
    }
    let window = windows.get(license);
    if (!window || at - window.startedAt >= WINDOW_MS) {
      window = { startedAt: at, count: 0 };
      windows.set(license, window);
    }
    window.count += 1;
    if (window.count > maxPerMinute) {
      void reply.header('retry-after', Math.ceil((window.startedAt + WINDOW_MS - at) / 1000));
      throw new DomainError('rate-limited', 'too many requests for this license; try again in a minute');
    }
    done();
  });
}
