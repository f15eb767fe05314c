import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { deviceSaltFor, loadAppConfig } from '../../../src-main/config/app-config';
import { isSecureServiceUrl } from '../../../src-main/config/secure-url';
import { CodedError } from '../../../src-shared/contracts/coded-error';

// A packaged build's trust root (key, service, product, device) comes from resources/ only: nothing in a user's
// environment may replace it (issue 7, item 3). Development and the browser host honour the overrides.

function resources(defaultServiceUrl = 'https://license.example.jp/'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'app-config-'));
  fs.writeFileSync(path.join(dir, 'app.json'), JSON.stringify({ productCode: 'sakura-kaikei', defaultServiceUrl }));
  fs.mkdirSync(path.join(dir, 'catalog'));
  fs.writeFileSync(
    path.join(dir, 'catalog', 'catalog.json'),
    JSON.stringify({
      supportContacts: [
        { webFormUrl: 'https://support.example.jp/contact/a' },
        { webFormUrl: 'https://support.example.jp/contact/b' },
      ],
      products: [{ purchaseUrl: 'https://shop.example.jp/products/a' }, {}, { purchaseUrl: 'https://store.example.com/x?y=1' }],
    }),
  );
  return dir;
}

const OVERRIDES = {
  LICENSE_SERVICE_URL: 'https://evil.example:9000/',
  LICENSE_PUBLIC_KEY_PATH: '/tmp/attacker-key.pem',
  APP_DB_PATH: '/tmp/other.sqlite',
  APP_PRODUCT: 'menzei-terminal',
  APP_MACHINE_ID: 'cloned-machine',
  APP_CHECK_INTERVAL_MS: '5000',
  APP_FOLLOW_DEMO_CLOCK: '1',
};

const load = (packaged: boolean, env: NodeJS.ProcessEnv | undefined, dir = resources()) =>
  loadAppConfig({
    resourcesDir: dir,
    userDataDir: '/home/user/.config/RenewalDesk',
    appVersion: '1.0.0',
    packaged,
    ...(env ? { env } : {}),
  });

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('a packaged build', () => {
  it('ignores every environment override: the same configuration as with an empty environment', () => {
    const dir = resources();
    const overridden = load(true, { ...OVERRIDES }, dir);
    expect(overridden).toEqual(load(true, {}, dir));
    expect(overridden).toEqual({
      appVersion: '1.0.0',
      resourcesDir: dir,
      productCode: 'sakura-kaikei',
      serviceUrl: 'https://license.example.jp',
      dbPath: path.join('/home/user/.config/RenewalDesk', 'license.sqlite'),
      publicKeyPath: path.join(dir, 'license-public-key.pem'),
      deviceSalt: 'sakura-kaikei:device:v1',
      packaged: true,
      machineIdOverride: null,
      followDemoClock: false,
      checkIntervalMs: 6 * 3_600_000,
      allowedExternalOrigins: [
        'https://license.example.jp',
        'https://support.example.jp',
        'https://shop.example.jp',
        'https://store.example.com',
      ],
    });
  });

  it.each(Object.entries(OVERRIDES))('ignores %s on its own', (name, value) => {
    const dir = resources();
    expect(load(true, { [name]: value }, dir)).toEqual(load(true, {}, dir));
  });

  it('ignores the overrides in the process environment too', () => {
    for (const [name, value] of Object.entries(OVERRIDES)) vi.stubEnv(name, value);
    const dir = resources();
    const config = load(true, undefined, dir);
    expect(config).toMatchObject({
      serviceUrl: 'https://license.example.jp',
      publicKeyPath: path.join(dir, 'license-public-key.pem'),
      productCode: 'sakura-kaikei',
      machineIdOverride: null,
      followDemoClock: false,
    });
    expect(config.allowedExternalOrigins).not.toContain('https://evil.example:9000');
  });
});

describe('development and the browser host', () => {
  it('honour every override', () => {
    const dir = resources();
    const config = load(false, { ...OVERRIDES }, dir);
    expect(config).toMatchObject({
      serviceUrl: 'https://evil.example:9000',
      publicKeyPath: '/tmp/attacker-key.pem',
      dbPath: '/tmp/other.sqlite',
      productCode: 'menzei-terminal',
      deviceSalt: deviceSaltFor('menzei-terminal'),
      machineIdOverride: 'cloned-machine',
      checkIntervalMs: 5000,
      followDemoClock: true,
      packaged: false,
    });
    expect(config.allowedExternalOrigins[0]).toBe('https://evil.example:9000');
    expect(config.allowedExternalOrigins).not.toContain('https://license.example.jp');
  });

  it('read the process environment when none is given', () => {
    vi.stubEnv('APP_PRODUCT', 'model-studio');
    expect(load(false, undefined).productCode).toBe('model-studio');
  });

  it('follow the demo clock unless told not to', () => {
    expect(load(false, {}).followDemoClock).toBe(true);
    expect(load(false, { APP_FOLLOW_DEMO_CLOCK: '0' }).followDemoClock).toBe(false);
  });

  it.each(['999', '1500.5', 'soon', '-60000', ''])('fall back to the default check interval for %j', (value) => {
    expect(load(false, { APP_CHECK_INTERVAL_MS: value }).checkIntervalMs).toBe(6 * 3_600_000);
  });

  it('accept a check interval of one second', () => {
    expect(load(false, { APP_CHECK_INTERVAL_MS: '1000' }).checkIntervalMs).toBe(1000);
  });
});

describe('allowedExternalOrigins', () => {
  it('holds the service origin and the catalog’s support and shop origins, each once', () => {
    expect(load(false, {}).allowedExternalOrigins).toEqual([
      'https://license.example.jp',
      'https://support.example.jp',
      'https://shop.example.jp',
      'https://store.example.com',
    ]);
  });

  it('holds the real catalog’s support form and shop origins', () => {
    // The repository's resources name the local development service (http), which only development accepts.
    const config = load(false, {}, path.join(__dirname, '../../../resources'));
    const catalog = JSON.parse(fs.readFileSync(path.join(__dirname, '../../../resources/catalog/catalog.json'), 'utf8')) as {
      supportContacts: { webFormUrl: string }[];
      products: { purchaseUrl?: string }[];
    };
    expect(config.allowedExternalOrigins[0]).toBe(new URL(config.serviceUrl).origin);
    for (const contact of catalog.supportContacts)
      expect(config.allowedExternalOrigins).toContain(new URL(contact.webFormUrl).origin);
    for (const product of catalog.products) {
      if (product.purchaseUrl) expect(config.allowedExternalOrigins).toContain(new URL(product.purchaseUrl).origin);
    }
    expect(new Set(config.allowedExternalOrigins).size).toBe(config.allowedExternalOrigins.length);
  });
});

// Issue 9 §4: the license token and the signed license never travel in the clear from a user's machine.
describe('the https rule for the service (and its update feed)', () => {
  const refusal = (run: () => unknown) => {
    try {
      run();
    } catch (error) {
      return error;
    }
    return null;
  };

  it.each(['http://license.example.jp', 'http://127.0.0.1:8787', 'http://localhost:8787', 'ftp://license.example.jp'])(
    'a packaged build whose resources say %s fails at config load with a coded error',
    (url) => {
      const error = refusal(() => load(true, {}, resources(url)));
      expect(error).toBeInstanceOf(CodedError);
      expect(error).toMatchObject({ code: 'insecure-service-url' });
    },
  );

  it('the repository’s own resources (the local development service) would be refused by a packaged build', () => {
    expect(refusal(() => load(true, {}, path.join(__dirname, '../../../resources')))).toMatchObject({
      code: 'insecure-service-url',
    });
  });

  it('development accepts loopback http, and refuses http to any other host', () => {
    expect(load(false, { LICENSE_SERVICE_URL: 'http://127.0.0.1:8787' }).serviceUrl).toBe('http://127.0.0.1:8787');
    expect(load(false, { LICENSE_SERVICE_URL: 'http://localhost:9000/' }).serviceUrl).toBe('http://localhost:9000');
    expect(refusal(() => load(false, { LICENSE_SERVICE_URL: 'http://license.example.jp' }))).toMatchObject({
      code: 'insecure-service-url',
    });
  });

  it.each([
    ['https://license.example.jp', true, true],
    ['https://license.example.jp', false, true],
    ['http://127.0.0.1:8787', false, true],
    ['http://[::1]:8787', false, true],
    ['http://[::1]:8787', true, false],
    ['http://127.0.0.1.example.jp', false, false],
    ['http://localhost.example.jp', false, false],
    ['http://user@evil.example', false, false],
    ['not a url', false, false],
    ['', false, false],
  ] as const)('%j (packaged=%s) is allowed: %s', (url, packaged, allowed) => {
    expect(isSecureServiceUrl(url, packaged)).toBe(allowed);
  });
});
