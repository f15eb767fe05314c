import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../fixtures/license-server';
import { testStores } from './helpers/test-stores';
import { deviceId } from '../fixtures/service-client';

// Issue 10 §4, §6: every route is rate limited per address and per license over a window of a minute (a 429 says
// when to come back), and an oversized body is 413, not 400.
const LIMIT = 2;
let server: Awaited<ReturnType<typeof startTestServer>>;

describe.each(testStores())('on %s', (store) => {
  beforeAll(async () => {
    server = await startTestServer({ store, rateLimitPerMinute: LIMIT });
  });
  afterAll(() => server.close());

  const send = (method: string, route: string, body?: string, contentType = 'application/json') =>
    fetch(`${server.url}${route}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': contentType },
      ...(body === undefined ? {} : { body }),
    });

  const license = (n: number) => `0000-0000-0000-000${n}`;
  const json = (value: unknown) => JSON.stringify(value);

  describe('rate limits on every route, per address', () => {
    // A different license number for each route, so only the per-address limit can answer 429 here.
    const routes: [string, string, string | undefined, string?][] = [
      ['GET', '/v1/health', undefined],
      [
        'POST',
        '/v1/activations',
        json({ licenseNumber: license(1), product: 'sakura-kaikei', device: deviceId('a'), appVersion: '1.0.0' }),
      ],
      [
        'POST',
        '/v1/validations',
        json({ licenseNumber: license(2), product: 'sakura-kaikei', device: deviceId('a'), appVersion: '1.0.0' }),
      ],
      ['POST', '/v1/trials', json({ product: 'menzei-terminal', device: deviceId('t'), appVersion: '1.0.0' })],
      ['POST', '/v1/registrations', json({ product: 'sakura-kaikei' })],
      ['POST', '/v1/quotes', json({ licenseNumber: license(3), device: deviceId('a'), months: 12, options: [] })],
      ['POST', '/v1/orders', json({ licenseNumber: license(4), device: deviceId('a'), quoteId: 'q', method: 'card' })],
      ['GET', `/v1/orders/some-order?licenseNumber=${license(5)}&device=${deviceId('a')}`, undefined],
      ['GET', `/renew?license=${license(6)}`, undefined],
      ['GET', `/renew/sakura-kaikei?license=${license(7)}`, undefined],
      ['POST', '/renew/order', `license=${license(8)}&quoteId=q`, 'application/x-www-form-urlencoded'],
      ['GET', '/updates/latest.yml', undefined],
    ];

    for (const [method, route, body, contentType] of routes) {
      it(`${method} ${route.split('?')[0]}: 429 after ${LIMIT} requests a minute, retry-after about a minute`, async () => {
        const answers = [];
        for (let i = 0; i < LIMIT; i++) answers.push(await send(method, route, body, contentType));
        expect(answers.every((a) => a.status !== 429)).toBe(true);
        // The x-ratelimit-* headers come with a refusal only (docs/decisions.md): no answer before it carries them.
        expect(answers.filter((a) => a.headers.has('x-ratelimit-remaining'))).toEqual([]);
        const limited = await send(method, route, body, contentType);
        expect(limited.status).toBe(429);
        expect(limited.headers.get('x-ratelimit-limit')).toBe(String(LIMIT));
        expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
        // The window is a minute, not a second: the answer says to come back in about 60 seconds.
        const retryAfter = Number(limited.headers.get('retry-after'));
        expect(retryAfter).toBeGreaterThanOrEqual(55);
        expect(retryAfter).toBeLessThanOrEqual(60);
        if (method !== 'HEAD') expect(await limited.json()).toMatchObject({ error: { code: 'rate-limited' } });
      });
    }
  });

  describe('rate limits per license, across routes and addresses', () => {
    it('answers 429 for one license number once it was used LIMIT times in a minute, whichever route', async () => {
      await server.close();
      server = await startTestServer({ store, rateLimitPerMinute: LIMIT }); // fresh per-address counts
      const number = license(9);
      const validation = json({ licenseNumber: number, product: 'sakura-kaikei', device: deviceId('b'), appVersion: '1.0.0' });
      const statuses = [];
      for (let i = 0; i < LIMIT; i++) statuses.push((await send('POST', '/v1/validations', validation)).status);
      expect(statuses.filter((s) => s === 429)).toEqual([]);
      // The quote route's own per-address count is still zero: only the license's count refuses it.
      const quote = await send(
        'POST',
        '/v1/quotes',
        json({ licenseNumber: number, device: deviceId('b'), months: 12, options: [] }),
      );
      expect(quote.status).toBe(429);
      expect(Number(quote.headers.get('retry-after'))).toBeGreaterThanOrEqual(55);
      expect(await quote.json()).toMatchObject({ error: { code: 'rate-limited' } });
      // The same number written differently is the same license.
      const page = await send('GET', `/renew?license=${number.replaceAll('-', '').toLowerCase()}`);
      expect(page.status).toBe(429);
    });
  });

  describe('oversized bodies', () => {
    it('answers 413 payload-too-large, not 400', async () => {
      const big = await startTestServer({ store });
      try {
        const response = await fetch(`${big.url}/v1/validations`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: json({ licenseNumber: license(1), padding: 'x'.repeat(70 * 1024) }),
        });
        expect(response.status).toBe(413);
        expect(await response.json()).toMatchObject({ error: { code: 'payload-too-large' } });
      } finally {
        await big.close();
      }
    });
  });
});
