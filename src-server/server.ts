import formbody from '@fastify/formbody';
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import { HealthResponseSchema } from '../src-shared/contracts/http';
import { type Clock, serviceClock } from './clock';
import { loadCatalog } from './catalog/load-catalog';
import { type ServerConfig } from './config';
import { CustomerRepository } from './customers/customer-repository';
import { activationRoutes } from './http/activation-routes';
import { DomainError } from './domain/domain-error';
import { installErrorHandling } from './http/error-handling';
import { refuseNulCharacters } from './http/nul-guard';
import { useZodSchemas } from './http/zod-schemas';
import { installLicenseRateLimit } from './http/license-rate-limit';
import { renewalPageRoutes } from './http/renewal-page-routes';
import { renewalRoutes } from './http/renewal-routes';
import { updateRoutes } from './http/update-routes';
import { loadSigningKey } from './keys/signing-key';
import { LicenseRepository } from './licenses/license-repository';
import { createMailTransport } from './mail/create-mail-transport';
import { TrialRepository } from './licenses/trial-repository';
import { OrderRepository } from './renewals/order-repository';
import { QuoteRepository } from './renewals/quote-repository';
import { ReminderRepository } from './renewals/reminder-repository';
import { sendDueReminders } from './renewals/reminders';
import { type ServiceContext } from './service-context';
import { openStore } from './store/open-store';
import { recordServiceRun } from './store/service-run';

const REMINDER_INTERVAL_MS = 60 * 60 * 1000;
/** How long a stop waits for requests still running before it cuts their connections. */
const CLOSE_GRACE_MS = 3_000;
export const RATE_LIMIT_WINDOW_MS = 60_000;

export type LicenseServer = { app: FastifyInstance; ctx: ServiceContext; url: string; close: () => Promise<void> };

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

export async function buildApp(ctx: ServiceContext, options: { logger?: boolean } = {}): Promise<FastifyInstance> {
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
  for (const routes of [activationRoutes, renewalRoutes, renewalPageRoutes, updateRoutes])
    await app.register(routes, { ctx, limited });
  return app;
}

export async function createContext(config: ServerConfig, clock?: Clock): Promise<ServiceContext> {
  const catalog = loadCatalog(config.catalogPath);
  const key = loadSigningKey({
    keyPath: config.keyPath,
    generateIfMissing: config.mode === 'development',
    publishPublicKeyTo: config.mode === 'development' ? config.publishPublicKeyTo : null,
  });
  const store = await openStore(config);
  const serviceTime = serviceClock(store.session, config.demo, clock);
  await serviceTime.refresh();
  return {
    config,
    store,
    key,
    catalog,
    licenses: new LicenseRepository(store),
    trials: new TrialRepository(store),
    quotes: new QuoteRepository(store),
    reminders: new ReminderRepository(store),
    customers: new CustomerRepository(store),
    orders: new OrderRepository(store),
    mail: createMailTransport(config),
    clock: serviceTime.clock,
    refreshClock: serviceTime.refresh,
  };
}

/** Starts the service on config.host:config.port (port 0 picks a free one) and reports the URL it listens on. */
export async function startLicenseServer(
  config: ServerConfig,
  options: { logger?: boolean; clock?: Clock } = {},
): Promise<LicenseServer> {
  const ctx = await createContext(config, options.clock);
  await recordServiceRun(ctx.store.session, config, new Date().toISOString());
  const app = await buildApp(ctx, options);
  const address = await app.listen({ host: config.host, port: config.port });
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
    close: async () => {
      clearInterval(timer);
      // Requests still running get a grace period; a client that stopped reading a download half-way must not hold
      // the stop (or a test's teardown) forever.
      const cut = setTimeout(() => app.server.closeAllConnections(), CLOSE_GRACE_MS).unref();
      await app.close();
      clearTimeout(cut);
      await ctx.store.close();
    },
  };
}
