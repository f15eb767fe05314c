import Fastify, { type FastifyInstance } from 'fastify';
import { type ServerConfig } from './config';
import { activationRoutes } from './http/activation-routes';
import { installErrorHandling } from './http/http-error';
import { loadSigningKey } from './keys/signing-key';
import { LicenseRepository } from './licenses/license-repository';
import { type ServiceContext } from './service-context';
import { openServerDatabase } from './store/database';

export type LicenseServer = { app: FastifyInstance; ctx: ServiceContext; url: string; close: () => Promise<void> };

export function buildApp(ctx: ServiceContext, options: { logger?: boolean } = {}): FastifyInstance {
  const app = Fastify({
    logger: options.logger ? { level: 'info', redact: ['req.headers.authorization', 'req.body.licenseNumber'] } : false,
    bodyLimit: 64 * 1024,
  });
  installErrorHandling(app);
  app.get('/v1/health', async () => ({ ok: true, serverTime: ctx.clock().toISOString() }));
  activationRoutes(app, ctx);
  return app;
}

export function createContext(config: ServerConfig, clock: () => Date = () => new Date()): ServiceContext {
  const db = openServerDatabase(config.dbPath);
  const key = loadSigningKey({
    keyPath: config.keyPath,
    generateIfMissing: config.mode === 'development',
    publishPublicKeyTo: config.mode === 'development' ? config.publishPublicKeyTo : null,
  });
  return { config, db, key, licenses: new LicenseRepository(db), clock };
}

/** Starts the service on config.host:config.port (port 0 picks a free one) and reports the URL it listens on. */
export async function startLicenseServer(config: ServerConfig, options: { logger?: boolean; clock?: () => Date } = {}): Promise<LicenseServer> {
  const ctx = createContext(config, options.clock);
  const app = buildApp(ctx, options);
  const address = await app.listen({ host: config.host, port: config.port });
  return {
    app,
    ctx,
    url: address,
    close: async () => {
      await app.close();
      ctx.db.close();
    },
  };
}
