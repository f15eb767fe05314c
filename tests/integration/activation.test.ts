import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../fixtures/license-server';
import { testStores } from './helpers/test-stores';

let server: Awaited<ReturnType<typeof startTestServer>>;
const NOW = new Date('2026-11-22T01:00:00Z');

describe.each(testStores())('on %s', (store) => {
  beforeAll(async () => {
    server = await startTestServer({ store, clock: () => NOW });
  });
  afterAll(async () => {
    await server.close();
  });

  const post = (route: string, body: unknown) =>
    fetch(`${server.url}${route}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  describe('license service HTTP errors', () => {
    it('answers bad bodies with a typed 400, never a 5xx', async () => {
      for (const body of [
        {},
        { licenseNumber: 1 },
        'text',
        [],
        { licenseNumber: 'x', product: 'sakura-kaikei', device: 'zz', appVersion: '1' },
      ]) {
        const response = await post('/v1/activations', body);
        expect(response.status).toBe(400);
        expect(await response.json()).toMatchObject({ error: { code: 'invalid-request' } });
      }
      const malformed = await fetch(`${server.url}/v1/activations`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{',
      });
      expect(malformed.status).toBe(400);
      expect(await malformed.json()).toMatchObject({ error: { code: 'invalid-request' } });
    });

    it('refuses text with a NUL character (PostgreSQL cannot hold one) with the same 400 on every store', async () => {
      const byId = await fetch(`${server.url}/v1/orders/%00?licenseNumber=NVGV-YP2K-ER1T-PN8A&device=${'a'.repeat(64)}`);
      const inBody = await post('/v1/registrations', {
        product: 'sakura-kaikei',
        registrationNumber: '1234-5678-9012',
        installKey: 'x',
        name: 'a\u0000b',
        email: 'a@example.jp',
      });
      for (const response of [byId, inBody]) {
        expect(response.status).toBe(400);
        expect(await response.json()).toMatchObject({ error: { code: 'invalid-request' } });
      }
    });

    it('answers unknown routes with not-found', async () => {
      const response = await fetch(`${server.url}/v1/nothing`);
      expect(response.status).toBe(404);
      expect(await response.json()).toEqual({ error: { code: 'not-found', message: 'no such route' } });
    });
  });
});
