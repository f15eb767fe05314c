import formbody from '@fastify/formbody';
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import { HealthResponseSchema } from '../src-shared/contracts/http';
import { type Clock } from './clock';
import { type ServerConfig } from './config';
import { createContext } from './create-context';
import { activationRoutes } from './http/activation-routes';
import { DomainError } from './domain/domain-error';
import { installErrorHandling } from './http/error-handling';
import { refuseNulCharacters } from './http/nul-guard';
import { useZodSchemas } from './http/zod-schemas';
import { type Validate } from './http/route-options';
import { installLicenseRateLimit } from './http/license-rate-limit';
import { renewalPageRoutes } from './http/renewal-page-routes';
import { renewalRoutes } from './http/renewal-routes';
import { validationAnswerJson } from './http/validation-answer';
import { updateRoutes } from './http/update-routes';
import { sendDueReminders } from './renewals/reminders';
import { type ServiceContext } from './service-context';
import { recordServiceRun } from './store/service-run';
import { ValidationWorkers } from './validation/validation-workers';

const REMINDER_INTERVAL_MS = 60 * 60 * 1000;
/** How long a stop waits for requests still running before it cuts their connections. */
const CLOSE_GRACE_MS = 3_000;
export const RATE_LIMIT_WINDOW_MS = 60_000;

export type LicenseServer = {
  app: FastifyInstance;
  ctx: ServiceContext;
  url: string;
  /** The threads answering validations (config.validationWorkers), null when this process answers them. */
  validationWorkers: ValidationWorkers | null;
  close: () => Promise<void>;
};

/** What the logs must never contain: license numbers, tokens, card data, install keys, e-mail addresses. */
const REDACT = [
  'req.headers.authorization',
  'req.headers["x-license-token"]',
  'req.headers["idempotency-key"]',
  'req.body.licenseNumber',
  'req.body.card',
  'req.body.installKey',
  'req.body.email',
];

export async function buildApp(
  ctx: ServiceContext,
  options: { logger?: boolean; validate?: Validate } = {},
): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger
      ? {
          level: 'info',
          redact: { paths: REDACT, censor: '[redacted]' },
          // The renewal page and order status carry a license number in the query string: log the path only.
          serializers: {
            req: (req: { method: string; url: string; ip?: string }) => ({
              method: req.method,
              path: req.url.split('?')[0],
              ip: req.ip,
            }),
          },
        }
      : false,
    bodyLimit: 64 * 1024,
    // Errors raised by Fastify's router before any route runs (a malformed URL) get the same envelope.
    frameworkErrors: (error, _request, reply) => {
      void (reply as unknown as FastifyReply).status(400).send({ error: { code: 'invalid-request', message: error.message } });
    },
  });
  installErrorHandling(app);
  refuseNulCharacters(app);
  useZodSchemas(app);
  await app.register(formbody);
  await app.register(rateLimit, {
    global: false,
    // The x-ratelimit-* headers go with a refusal (429) only: no client reads them on an answer, and on every answer
    // they cost three headers to write and to parse (docs/decisions.md, "Validation throughput, third pass").
    addHeadersOnExceeding: { 'x-ratelimit-limit': false, 'x-ratelimit-remaining': false, 'x-ratelimit-reset': false },
    errorResponseBuilder: () => new DomainError('rate-limited', 'too many requests; try again in a minute'),
  });
  if (ctx.config.demo) {
    // Every request sees the offset the admin CLI last set (it may run on another machine).
    app.addHook('onRequest', async () => ctx.refreshClock());
    // A movable clock must never be mistaken for the real one.
    app.addHook('onSend', async (_request, reply) => {
      void reply.header('x-demo-clock', ctx.clock().toISOString());
    });
  }
  // Every route is limited per address (and, below, per license): a minute's window, `retry-after` in seconds.
  const limited = { config: { rateLimit: { max: ctx.config.rateLimitPerMinute, timeWindow: RATE_LIMIT_WINDOW_MS } } };
  installLicenseRateLimit(app, ctx.config.rateLimitPerMinute);
  app.get('/v1/health', { ...limited, schema: { response: { 200: HealthResponseSchema } } }, async () => ({
    ok: true as const,
    serverTime: ctx.clock().toISOString(),
    demo: ctx.config.demo,
  }));
  const validate = options.validate ?? ((body, log) => validationAnswerJson(ctx, body, log));
  for (const routes of [activationRoutes, renewalRoutes, renewalPageRoutes, updateRoutes])
    await app.register(routes, { ctx, limited, validate });
  return app;
}

/** Starts the service on config.host:config.port (port 0 picks a free one) and reports the URL it listens on. */
export async function startLicenseServer(
  config: ServerConfig,
  options: { logger?: boolean; clock?: Clock } = {},
): Promise<LicenseServer> {
  // A clock injected here (tests) is a function, which cannot reach another thread.
  if (options.clock && config.validationWorkers > 0)
    throw new Error('config.validationWorkers: must be 0 when a clock is injected (workers read the real or demo clock)');
  const ctx = await createContext(config, options.clock);
  await recordServiceRun(ctx.store.session, config, new Date().toISOString());
  // After the main context: its migrations have run and its key exists before a worker opens either.
  let workers: ValidationWorkers | null = null;
  let app: FastifyInstance;
  let address: string;
  try {
    workers = config.validationWorkers > 0 ? await ValidationWorkers.start(ctx, config.validationWorkers) : null;
    app = await buildApp(ctx, { ...options, validate: workers?.validate });
    workers?.reportTo(app.log);
    address = await app.listen({ host: config.host, port: config.port });
  } catch (error) {
    // A worker that cannot open the store, a port already taken: what was opened for this service goes with it.
    await workers?.close();
    await ctx.store.close();
    throw error;
  }
  // Reminder mails go out from the service itself, checked at start and hourly (a day has 24 chances).
  const remind = () =>
    void ctx
      .refreshClock()
      .then(() => sendDueReminders(ctx, app.log))
      .catch((error: unknown) => app.log.error({ err: error }, 'reminder mails failed'));
  remind();
  const timer = setInterval(remind, REMINDER_INTERVAL_MS).unref();
  return {
    app,
    ctx,
    url: address,
    validationWorkers: workers,
    close: async () => {
      clearInterval(timer);
      // Requests still running get a grace period; a client that stopped reading a download half-way must not hold
      // the stop (or a test's teardown) forever.
      const cut = setTimeout(() => app.server.closeAllConnections(), CLOSE_GRACE_MS).unref();
      await app.close();
      clearTimeout(cut);
      await workers?.close();
      await ctx.store.close();
    },
  };
}
