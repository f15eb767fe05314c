import fs from 'node:fs';
import path from 'node:path';
import { requireSecureServiceUrl } from './secure-url';

export type AppConfig = {
  appVersion: string;
  resourcesDir: string;
  productCode: string;
  serviceUrl: string;
  dbPath: string;
  publicKeyPath: string;
  deviceSalt: string;
  packaged: boolean;
  /** A stand-in machine id (two devices on one test machine); never in a packaged build. */
  machineIdOverride: string | null;
  /** Follow the license service's demo clock (`x-demo-clock`); never in a packaged build. */
  followDemoClock: boolean;
  /** How often the background validation runs while the app is open. */
  checkIntervalMs: number;
  /** Origins the app may open in the system browser: the service (renewal page), support and shop pages. */
  allowedExternalOrigins: string[];
};

type AppIdentity = { productCode: string; defaultServiceUrl: string };

const DEFAULT_CHECK_INTERVAL_MS = 6 * 3_600_000;

export function readAppIdentity(resourcesDir: string): AppIdentity {
  return JSON.parse(fs.readFileSync(path.join(resourcesDir, 'app.json'), 'utf8')) as AppIdentity;
}

/** The device number's salt is per product, so two products on one machine never share a device number. */
export function deviceSaltFor(productCode: string): string {
  return `${productCode}:device:v1`;
}

/**
 * The app's configuration. The product, the service and the trust root come from resources/ (fixed at build time).
 * In development and in the browser host the environment may point elsewhere (LICENSE_SERVICE_URL,
 * LICENSE_PUBLIC_KEY_PATH, APP_DB_PATH, APP_PRODUCT, APP_MACHINE_ID, APP_CHECK_INTERVAL_MS, APP_FOLLOW_DEMO_CLOCK);
 * a packaged build ignores all of them, so nothing in a user's environment can replace what the app trusts.
 * The service (and with it the update feed, `${serviceUrl}/updates`) must be https; development may use loopback http.
 */
export function loadAppConfig(input: {
  resourcesDir: string;
  userDataDir: string;
  appVersion: string;
  packaged: boolean;
  env?: NodeJS.ProcessEnv;
}): AppConfig {
  const env: NodeJS.ProcessEnv = input.packaged ? {} : (input.env ?? process.env);
  const identity = readAppIdentity(input.resourcesDir);
  const productCode = env.APP_PRODUCT || identity.productCode;
  const interval = Number(env.APP_CHECK_INTERVAL_MS);
  const serviceUrl = (env.LICENSE_SERVICE_URL || identity.defaultServiceUrl).replace(/\/+$/, '');
  // A packaged build whose resources name an http service fails here, before any license data is sent anywhere.
  requireSecureServiceUrl(serviceUrl, input.packaged);
  return {
    appVersion: input.appVersion,
    resourcesDir: input.resourcesDir,
    productCode,
    serviceUrl,
    dbPath: env.APP_DB_PATH || path.join(input.userDataDir, 'license.sqlite'),
    publicKeyPath: env.LICENSE_PUBLIC_KEY_PATH || path.join(input.resourcesDir, 'license-public-key.pem'),
    deviceSalt: deviceSaltFor(productCode),
    packaged: input.packaged,
    machineIdOverride: env.APP_MACHINE_ID || null,
    followDemoClock: !input.packaged && env.APP_FOLLOW_DEMO_CLOCK !== '0',
    checkIntervalMs: Number.isInteger(interval) && interval >= 1000 ? interval : DEFAULT_CHECK_INTERVAL_MS,
    allowedExternalOrigins: [new URL(serviceUrl).origin, ...vendorOrigins(input.resourcesDir)],
  };
}

/** Support forms and shop pages named in the catalog: the only other places the app may send the user. */
function vendorOrigins(resourcesDir: string): string[] {
  const catalog = JSON.parse(fs.readFileSync(path.join(resourcesDir, 'catalog', 'catalog.json'), 'utf8')) as {
    supportContacts: { webFormUrl: string }[];
    products: { purchaseUrl?: string }[];
  };
  const urls = [...catalog.supportContacts.map((c) => c.webFormUrl), ...catalog.products.flatMap((p) => p.purchaseUrl ?? [])];
  return [...new Set(urls.map((u) => new URL(u).origin))];
}
