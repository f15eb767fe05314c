import fs from 'node:fs';
import path from 'node:path';

export type AppConfig = {
  appVersion: string;
  resourcesDir: string;
  productCode: string;
  serviceUrl: string;
  dbPath: string;
  publicKeyPath: string;
  deviceSalt: string;
};

type AppIdentity = { productCode: string; defaultServiceUrl: string; deviceSalt: string };

export function readAppIdentity(resourcesDir: string): AppIdentity {
  return JSON.parse(fs.readFileSync(path.join(resourcesDir, 'app.json'), 'utf8')) as AppIdentity;
}

/**
 * The desktop app talks to the local license service by default; LICENSE_SERVICE_URL points it elsewhere
 * (a staging or production service). The database lives in the user's data folder.
 */
export function loadAppConfig(input: {
  resourcesDir: string;
  userDataDir: string;
  appVersion: string;
  env?: NodeJS.ProcessEnv;
}): AppConfig {
  const env = input.env ?? process.env;
  const identity = readAppIdentity(input.resourcesDir);
  return {
    appVersion: input.appVersion,
    resourcesDir: input.resourcesDir,
    productCode: identity.productCode,
    serviceUrl: (env.LICENSE_SERVICE_URL ?? identity.defaultServiceUrl).replace(/\/+$/, ''),
    dbPath: env.APP_DB_PATH ?? path.join(input.userDataDir, 'license.sqlite'),
    publicKeyPath: env.LICENSE_PUBLIC_KEY_PATH ?? path.join(input.resourcesDir, 'license-public-key.pem'),
    deviceSalt: identity.deviceSalt,
  };
}
