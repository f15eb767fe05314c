import fs from 'node:fs';
import path from 'node:path';

export type ServerMode = 'development' | 'production';

export type ServerConfig = {
  mode: ServerMode;
  host: string;
  port: number;
  dbPath: string;
  /** PKCS#8 PEM of the Ed25519 signing key. Never served, never bundled into the desktop app. */
  keyPath: string;
  /** Development only: where to write the matching public key for the desktop app to trust. */
  publishPublicKeyTo: string | null;
  releasesPath: string;
  leaseDays: number;
};

const ROOT = path.resolve(__dirname, '..');

export function defaultServerConfig(): ServerConfig {
  return {
    mode: 'development',
    host: '127.0.0.1',
    port: 8787,
    dbPath: path.join(ROOT, 'var/server/license-service.sqlite'),
    keyPath: path.join(ROOT, 'var/server/keys/license-signing.pem'),
    publishPublicKeyTo: path.join(ROOT, 'resources/license-public-key.pem'),
    releasesPath: path.join(ROOT, 'var/server/releases'),
    leaseDays: 14,
  };
}

const ENV_KEYS: Record<string, keyof ServerConfig> = {
  LICENSE_SERVICE_MODE: 'mode',
  LICENSE_SERVICE_HOST: 'host',
  LICENSE_SERVICE_PORT: 'port',
  LICENSE_SERVICE_DB: 'dbPath',
  LICENSE_SERVICE_KEY: 'keyPath',
  LICENSE_SERVICE_PUBLISH_PUBLIC_KEY: 'publishPublicKeyTo',
  LICENSE_SERVICE_RELEASES: 'releasesPath',
  LICENSE_SERVICE_LEASE_DAYS: 'leaseDays',
};

/** Defaults, then a JSON config file (LICENSE_SERVICE_CONFIG), then environment variables, then overrides. */
export function loadServerConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<ServerConfig> = {}): ServerConfig {
  const config: Record<string, unknown> = { ...defaultServerConfig() };
  if (env.LICENSE_SERVICE_CONFIG) Object.assign(config, JSON.parse(fs.readFileSync(env.LICENSE_SERVICE_CONFIG, 'utf8')));
  for (const [name, key] of Object.entries(ENV_KEYS)) {
    const value = env[name];
    if (value === undefined) continue;
    config[key] = key === 'port' || key === 'leaseDays' ? Number(value) : value === '' ? null : value;
  }
  Object.assign(config, overrides);
  return validate(config as ServerConfig);
}

function validate(config: ServerConfig): ServerConfig {
  if (config.mode !== 'development' && config.mode !== 'production') throw new Error(`config.mode: expected development or production, got ${String(config.mode)}`);
  if (!Number.isInteger(config.port) || config.port < 0 || config.port > 65535) throw new Error(`config.port: expected 0..65535, got ${config.port}`);
  if (!Number.isInteger(config.leaseDays) || config.leaseDays < 1 || config.leaseDays > 30) throw new Error(`config.leaseDays: expected 1..30, got ${config.leaseDays}`);
  if (config.mode === 'production' && config.publishPublicKeyTo) throw new Error('config.publishPublicKeyTo: only allowed in development mode');
  return config;
}
