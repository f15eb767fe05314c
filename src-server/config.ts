import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export type ServerMode = 'development' | 'production';

export type SmtpConfig = { host: string; port: number; secure: boolean; user: string | null; pass: string | null; from: string };

export type ServerConfig = {
  mode: ServerMode;
  host: string;
  port: number;
  /** The SQLite file, unless `databaseUrl` names a PostgreSQL database. */
  dbPath: string;
  /** PostgreSQL (`postgres://…`) for several instances on several machines; null: the SQLite file. */
  databaseUrl: string | null;
  /** PKCS#8 PEM of the Ed25519 signing key. Never served, never bundled into the desktop app. */
  keyPath: string;
  /** Development only: where to write the matching public key for the desktop app to trust. */
  publishPublicKeyTo: string | null;
  releasesPath: string;
  /** The address customers reach the service at, for links in mails (renewal web page). */
  publicUrl: string;
  catalogPath: string;
  /** Mails go here as files unless SMTP is configured. */
  outboxPath: string;
  smtp: SmtpConfig | null;
  leaseDays: number;
  /** Requests per minute per client address on activation, validation and trial. */
  rateLimitPerMinute: number;
  /** Demo mode lets the admin CLI move the service's clock; every answer then says so (x-demo-clock). */
  demo: boolean;
  /**
   * Worker threads that answer validations, each with its own database connection and signing (0: in this
   * process). Default: one per core but the one serving HTTP in production, none in development.
   */
  validationWorkers: number;
};

/** The most validation workers one instance runs: beyond the cores there is nothing to gain. */
export const MAX_VALIDATION_WORKERS = 32;

/**
 * Production's default: every core but one (the HTTP thread's), at most 8. The count of cores Node sees follows the
 * CPU affinity, not a container's CPU quota: on a big host a quota-limited container would otherwise start dozens of
 * workers, each with its own connections and memory. Set LICENSE_SERVICE_VALIDATION_WORKERS there.
 */
export const DEFAULT_MAX_VALIDATION_WORKERS = 8;
export function defaultValidationWorkers(mode: ServerMode): number {
  return mode === 'production' ? Math.min(DEFAULT_MAX_VALIDATION_WORKERS, Math.max(0, os.availableParallelism() - 1)) : 0;
}

/** The repository's root, also from a bundle one folder below it (the tests' service processes). */
export const SERVICE_ROOT = path.resolve(__dirname, '..');
const ROOT = SERVICE_ROOT;

export function defaultServerConfig(): ServerConfig {
  return {
    mode: 'development',
    host: '127.0.0.1',
    port: 8787,
    dbPath: path.join(ROOT, 'var/server/license-service.sqlite'),
    databaseUrl: null,
    keyPath: path.join(ROOT, 'var/server/keys/license-signing.pem'),
    publishPublicKeyTo: path.join(ROOT, 'resources/license-public-key.pem'),
    releasesPath: path.join(ROOT, 'var/server/releases'),
    publicUrl: 'http://127.0.0.1:8787',
    catalogPath: path.join(ROOT, 'resources/catalog/catalog.json'),
    outboxPath: path.join(ROOT, 'var/server/outbox'),
    smtp: null,
    leaseDays: 14,
    rateLimitPerMinute: 60,
    demo: false,
    validationWorkers: 0,
  };
}

const ENV_KEYS: Record<string, keyof ServerConfig> = {
  LICENSE_SERVICE_MODE: 'mode',
  LICENSE_SERVICE_HOST: 'host',
  LICENSE_SERVICE_PORT: 'port',
  LICENSE_SERVICE_DB: 'dbPath',
  LICENSE_SERVICE_DATABASE_URL: 'databaseUrl',
  LICENSE_SERVICE_KEY: 'keyPath',
  LICENSE_SERVICE_PUBLISH_PUBLIC_KEY: 'publishPublicKeyTo',
  LICENSE_SERVICE_RELEASES: 'releasesPath',
  LICENSE_SERVICE_LEASE_DAYS: 'leaseDays',
  LICENSE_SERVICE_CATALOG: 'catalogPath',
  LICENSE_SERVICE_PUBLIC_URL: 'publicUrl',
  LICENSE_SERVICE_OUTBOX: 'outboxPath',
  LICENSE_SERVICE_RATE_LIMIT: 'rateLimitPerMinute',
  LICENSE_SERVICE_DEMO: 'demo',
  LICENSE_SERVICE_VALIDATION_WORKERS: 'validationWorkers',
};
const NUMERIC = new Set<keyof ServerConfig>(['port', 'leaseDays', 'rateLimitPerMinute', 'validationWorkers']);

/** Defaults, then a JSON config file (LICENSE_SERVICE_CONFIG), then environment variables, then overrides. */
export function loadServerConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<ServerConfig> = {}): ServerConfig {
  // validationWorkers follows the mode unless something below sets it.
  const config: Record<string, unknown> = { ...defaultServerConfig(), validationWorkers: undefined };
  if (env.LICENSE_SERVICE_CONFIG) Object.assign(config, JSON.parse(fs.readFileSync(env.LICENSE_SERVICE_CONFIG, 'utf8')));
  for (const [name, key] of Object.entries(ENV_KEYS)) {
    const value = env[name];
    if (value === undefined) continue;
    // An empty worker count (a compose file's `VAR=`) means "not set": the mode's default, not 0.
    if (key === 'validationWorkers' && value === '') continue;
    if (NUMERIC.has(key)) config[key] = Number(value);
    else if (key === 'demo') config[key] = value === '1' || value === 'true';
    else config[key] = value === '' ? null : value;
  }
  if (env.LICENSE_SERVICE_SMTP_HOST) {
    config.smtp = {
      host: env.LICENSE_SERVICE_SMTP_HOST,
      port: Number(env.LICENSE_SERVICE_SMTP_PORT ?? 587),
      secure: env.LICENSE_SERVICE_SMTP_SECURE === '1',
      user: env.LICENSE_SERVICE_SMTP_USER ?? null,
      pass: env.LICENSE_SERVICE_SMTP_PASS ?? null,
      from: env.LICENSE_SERVICE_SMTP_FROM ?? 'no-reply@example.jp',
    };
  }
  Object.assign(config, overrides);
  config.validationWorkers ??= defaultValidationWorkers(config.mode as ServerMode);
  return validate(config as ServerConfig);
}

function validate(config: ServerConfig): ServerConfig {
  if (config.mode !== 'development' && config.mode !== 'production')
    throw new Error(`config.mode: expected development or production, got ${String(config.mode)}`);
  if (!Number.isInteger(config.port) || config.port < 0 || config.port > 65535)
    throw new Error(`config.port: expected 0..65535, got ${config.port}`);
  if (!Number.isInteger(config.leaseDays) || config.leaseDays < 1 || config.leaseDays > 30)
    throw new Error(`config.leaseDays: expected 1..30, got ${config.leaseDays}`);
  if (!Number.isInteger(config.rateLimitPerMinute) || config.rateLimitPerMinute < 1)
    throw new Error(`config.rateLimitPerMinute: expected a positive integer, got ${config.rateLimitPerMinute}`);
  if (
    !Number.isInteger(config.validationWorkers) ||
    config.validationWorkers < 0 ||
    config.validationWorkers > MAX_VALIDATION_WORKERS
  )
    throw new Error(`config.validationWorkers: expected 0..${MAX_VALIDATION_WORKERS}, got ${config.validationWorkers}`);
  if (config.validationWorkers > 0 && !config.databaseUrl && config.dbPath === ':memory:')
    throw new Error('config.validationWorkers: an in-memory database cannot be shared with workers; use a file or 0 workers');
  if (config.mode === 'production' && config.publishPublicKeyTo)
    throw new Error('config.publishPublicKeyTo: only allowed in development mode');
  if (config.mode === 'production' && config.demo)
    throw new Error('config.demo: a production service cannot run with a movable clock');
  return config;
}
