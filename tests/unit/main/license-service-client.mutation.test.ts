import http from 'node:http';
import { type AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { CodedError } from '../../../src-shared/contracts/coded-error';
import { type OrderResponse, type QuoteResponse } from '../../../src-shared/contracts/http';
import { type FetchLike, LicenseServiceClient } from '../../../src-main/license/service-client';
import { newKeyPair, samplePayload, signPayload } from '../../fixtures/signing';
import { validLicenseNumber } from '../../fixtures/tamper-fakes';

// The desktop app's only door to the vendor's service: what it sends, what it accepts back, and how every failure
// becomes a coded error the launch service and the renewal wizard can act on (retry, stop, explain).

const BASE = 'https://license.example.jp';
const DEVICE = 'd'.repeat(64);
const NUMBER = validLicenseNumber(4);
const license = signPayload(newKeyPair().privateKey, samplePayload({ licenseNumber: NUMBER, device: DEVICE }));
const licenseAnswer = { license, serverTime: '2026-11-22T01:00:00.000Z' };
const identity = { licenseNumber: NUMBER, product: 'sakura-kaikei', device: DEVICE, appVersion: '1.2.3' };

const quoteAnswer: QuoteResponse = {
  quote: {
    id: 'q-1',
    planKind: 'continuous',
    term: { start: '2027-04-01', end: '2028-03-31' },
    months: 12,
    options: [],
    lines: [{ code: 'basic', label: '基本使用料', amountYen: 20_000, kind: 'basic', status: 'charged', months: 12 }],
    subtotalYen: 20_000,
    taxYen: 2_000,
    totalYen: 22_000,
    taxRatePercent: 10,
    expiresAt: '2026-11-23T01:00:00.000Z',
    paymentMethods: [{ code: 'card', label: 'クレジットカード', autoRenews: false, setupDays: null }],
    uncoveredOptions: [],
  },
  serverTime: '2026-11-22T01:00:00.000Z',
};
const orderAnswer: OrderResponse = {
  order: {
    id: 'o-1',
    state: 'paid',
    method: 'card',
    amountYen: 22_000,
    term: { start: '2027-04-01', end: '2028-03-31' },
    dueOn: null,
    transfer: null,
    autoRenew: false,
  },
  license,
  serverTime: '2026-11-22T01:00:00.000Z',
};

type Call = { url: string; init: Parameters<FetchLike>[1] };
type Reply = { status: number; body?: unknown; headers?: Record<string, string> | null; json?: () => Promise<unknown> };

/** A fetch that records every call and answers from a queue; `headers: null` answers without a headers object. */
function fakeFetch(...replies: Reply[]) {
  const calls: Call[] = [];
  const fetch: FetchLike = async (url, init) => {
    calls.push({ url, init });
    const reply = replies.shift() ?? { status: 200, body: licenseAnswer };
    const headers = reply.headers === null ? undefined : new Headers(reply.headers ?? {});
    return { status: reply.status, ...(headers ? { headers } : {}), json: reply.json ?? (async () => reply.body) };
  };
  return { calls, fetch };
}

async function failure(promise: Promise<unknown>): Promise<CodedError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CodedError);
  return error as CodedError;
}

describe('LicenseServiceClient: what it sends', () => {
  it('posts each call as JSON to its route under the configured service URL', async () => {
    const { calls, fetch } = fakeFetch(
      { status: 200, body: licenseAnswer },
      { status: 200, body: licenseAnswer },
      { status: 201, body: licenseAnswer },
      { status: 200, body: quoteAnswer },
      { status: 201, body: orderAnswer },
      { status: 200, body: { registered: true, licenseNumber: NUMBER } },
    );
    const client = new LicenseServiceClient(BASE, { fetch });
    const trial = { product: 'sakura-kaikei', device: DEVICE, appVersion: '1.2.3', termsAccepted: true as const };
    const quote = { licenseNumber: NUMBER, device: DEVICE, months: 12, options: [] };
    const order = { licenseNumber: NUMBER, device: DEVICE, quoteId: 'q-1', method: 'card' as const };
    const registration = {
      product: 'sakura-kaikei',
      registrationNumber: 'R-1',
      installKey: 'K-1',
      name: '山田 太郎',
      email: 'taro@example.jp',
    };

    expect(await client.activate(identity)).toEqual(licenseAnswer);
    expect(await client.validate(identity)).toEqual(licenseAnswer);
    expect(await client.startTrial(trial)).toEqual(licenseAnswer);
    expect(await client.quote(quote)).toEqual(quoteAnswer);
    expect(await client.order(order, 'key-1')).toEqual(orderAnswer);
    expect(await client.register(registration)).toEqual({ registered: true, licenseNumber: NUMBER });

    expect(calls.map((c) => [c.url, c.init.method, JSON.parse(c.init.body ?? 'null')])).toEqual([
      [`${BASE}/v1/activations`, 'POST', identity],
      [`${BASE}/v1/validations`, 'POST', identity],
      [`${BASE}/v1/trials`, 'POST', trial],
      [`${BASE}/v1/quotes`, 'POST', quote],
      [`${BASE}/v1/orders`, 'POST', order],
      [`${BASE}/v1/registrations`, 'POST', registration],
    ]);
  });

  it('declares JSON both ways on every call', async () => {
    const { calls, fetch } = fakeFetch();
    await new LicenseServiceClient(BASE, { fetch }).validate(identity);
    expect(calls[0]!.init.headers).toEqual({ 'content-type': 'application/json', accept: 'application/json' });
  });

  it('sends the order’s idempotency key, so a retried payment is never charged twice', async () => {
    const { calls, fetch } = fakeFetch({ status: 201, body: orderAnswer }, { status: 200, body: orderAnswer });
    const client = new LicenseServiceClient(BASE, { fetch });
    const order = { licenseNumber: NUMBER, device: DEVICE, quoteId: 'q-1', method: 'card' as const };
    await client.order(order, '0f5c2a4e-retry-key');
    await client.order(order, '0f5c2a4e-retry-key');
    expect(calls.map((c) => c.init.headers['idempotency-key'])).toEqual(['0f5c2a4e-retry-key', '0f5c2a4e-retry-key']);
    expect(calls[0]!.init.headers).toMatchObject({ 'content-type': 'application/json', accept: 'application/json' });
  });

  it('asks for an order’s status with a GET naming the order in the path and the license in the query', async () => {
    const { calls, fetch } = fakeFetch({ status: 200, body: { order: orderAnswer.order, serverTime: orderAnswer.serverTime } });
    const answer = await new LicenseServiceClient(BASE, { fetch }).orderStatus('o 1/2', {
      licenseNumber: NUMBER,
      device: DEVICE,
    });
    expect(answer).toEqual({ order: orderAnswer.order, serverTime: orderAnswer.serverTime });
    expect(calls).toHaveLength(1);
    const { url, init } = calls[0]!;
    expect(init.method).toBe('GET');
    expect(url).toBe(`${BASE}/v1/orders/o%201%2F2?licenseNumber=${NUMBER}&device=${DEVICE}`);
    // A GET carries no body, so it declares no content type: only what it accepts.
    expect(init.body).toBeUndefined();
    expect(init.headers).toEqual({ accept: 'application/json' });
  });

  it('does not send an idempotency key on calls that have none', async () => {
    const { calls, fetch } = fakeFetch();
    await new LicenseServiceClient(BASE, { fetch }).activate(identity);
    expect(calls[0]!.init.headers).not.toHaveProperty('idempotency-key');
  });

  it('uses the platform fetch when none is given', async () => {
    const received: unknown[] = [];
    const server = http.createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        received.push({ method: request.method, url: request.url, body });
        const answer =
          request.method === 'GET' ? { order: orderAnswer.order, serverTime: orderAnswer.serverTime } : licenseAnswer;
        response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const client = new LicenseServiceClient(`http://127.0.0.1:${port}`);
      expect(await client.validate(identity)).toEqual(licenseAnswer);
      // The platform fetch refuses a GET with a body: the status call must go out without one.
      expect(await client.orderStatus('o-1', { licenseNumber: NUMBER, device: DEVICE })).toMatchObject({ order: { id: 'o-1' } });
      expect(received).toEqual([
        { method: 'POST', url: '/v1/validations', body: JSON.stringify(identity) },
        { method: 'GET', url: `/v1/orders/o-1?licenseNumber=${NUMBER}&device=${DEVICE}`, body: '' },
      ]);
    } finally {
      server.close();
    }
  });
});

describe('LicenseServiceClient: timeouts', () => {
  /** A service that accepts and never answers: the fetch settles only when the client aborts it. */
  const hanging: FetchLike = (_url, init) =>
    new Promise((_resolve, reject) => {
      init.signal.addEventListener('abort', () => reject(init.signal.reason));
    });

  it('gives up on a hanging service after its timeout, as service-unreachable', async () => {
    const started = Date.now();
    const error = await failure(new LicenseServiceClient(BASE, { fetch: hanging, timeoutMs: 50 }).validate(identity));
    expect(error.code).toBe('service-unreachable');
    expect(error.message).toBe(`could not reach ${BASE}`);
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it('by default still waits for a slow service (longer than a moment) and gives each call a live signal', async () => {
    const { calls, fetch } = fakeFetch();
    const slow: FetchLike = async (url, init) => {
      await new Promise((resolve) => setTimeout(resolve, 100));
      return fetch(url, init);
    };
    expect(await new LicenseServiceClient(BASE, { fetch: slow }).validate(identity)).toEqual(licenseAnswer);
    expect(calls[0]!.init.signal.aborted).toBe(false);
  });
});

describe('LicenseServiceClient: answers it accepts', () => {
  it('accepts any 2xx with a body that matches the schema', async () => {
    const { fetch } = fakeFetch({ status: 200, body: licenseAnswer }, { status: 299, body: licenseAnswer });
    const client = new LicenseServiceClient(BASE, { fetch });
    expect(await client.validate(identity)).toEqual(licenseAnswer);
    expect(await client.validate(identity)).toEqual(licenseAnswer);
  });

  it('refuses a 2xx whose body does not match the schema, as service-bad-response naming the route', async () => {
    const { fetch } = fakeFetch({ status: 200, body: { license: { payload: 'x' } } }, { status: 200, body: '<html>' });
    const client = new LicenseServiceClient(BASE, { fetch });
    const error = await failure(client.validate(identity));
    expect(error.code).toBe('service-bad-response');
    expect(error.message).toBe('unexpected answer from /v1/validations');
    expect((await failure(client.quote({ licenseNumber: NUMBER, device: DEVICE, months: 12, options: [] }))).code).toBe(
      'service-bad-response',
    );
  });

  it('does not take a license from a non-2xx answer, even a well-formed one (redirect, informational)', async () => {
    const { fetch } = fakeFetch({ status: 300, body: licenseAnswer }, { status: 199, body: licenseAnswer });
    const client = new LicenseServiceClient(BASE, { fetch });
    for (const status of [300, 199]) {
      const error = await failure(client.validate(identity));
      expect(error.code).toBe('service-bad-response');
      expect(error.message).toBe(`HTTP ${status} from /v1/validations`);
    }
  });
});

describe('LicenseServiceClient: error mapping', () => {
  it('passes the service’s coded refusal on with its message and details', async () => {
    const { fetch } = fakeFetch(
      { status: 409, body: { error: { code: 'moved', message: 'active on another device' } } },
      {
        status: 409,
        body: { error: { code: 'renewal-not-open', message: 'not yet', details: { opensOn: '2027-01-31' } } },
      },
    );
    const client = new LicenseServiceClient(BASE, { fetch });
    const moved = await failure(client.validate(identity));
    expect([moved.code, moved.message, moved.details]).toEqual(['moved', 'active on another device', undefined]);
    const notOpen = await failure(client.quote({ licenseNumber: NUMBER, device: DEVICE, months: 12, options: [] }));
    expect([notOpen.code, notOpen.message, notOpen.details]).toEqual(['renewal-not-open', 'not yet', { opensOn: '2027-01-31' }]);
  });

  it('turns an error body it does not understand into service-bad-response with the HTTP status', async () => {
    const { fetch } = fakeFetch(
      { status: 502, body: '<html>Bad Gateway</html>' },
      { status: 418, body: { error: { code: 'teapot', message: 'short and stout' } } },
      { status: 500, body: { message: 'Internal Server Error' } },
    );
    const client = new LicenseServiceClient(BASE, { fetch });
    for (const status of [502, 418, 500]) {
      const error = await failure(client.activate(identity));
      expect(error.code).toBe('service-bad-response');
      expect(error.message).toBe(`HTTP ${status} from /v1/activations`);
    }
  });

  it('treats a connection error or a body that is not JSON as service-unreachable (worth retrying)', async () => {
    const refused: FetchLike = () => Promise.reject(new TypeError('fetch failed'));
    const notJson = fakeFetch({ status: 200, json: () => Promise.reject(new SyntaxError('Unexpected token <')) }).fetch;
    for (const fetch of [refused, notJson]) {
      const error = await failure(new LicenseServiceClient(BASE, { fetch }).validate(identity));
      expect(error.code).toBe('service-unreachable');
      expect(error.message).toBe(`could not reach ${BASE}`);
    }
  });
});

describe('LicenseServiceClient: the demo clock header', () => {
  it('tells the app the service’s demo clock on every answer that carries one, refusals included', async () => {
    const seen: string[] = [];
    const { fetch } = fakeFetch(
      { status: 200, body: licenseAnswer, headers: { 'x-demo-clock': '2027-01-05T00:00:00.000Z' } },
      { status: 409, body: { error: { code: 'moved', message: 'm' } }, headers: { 'x-demo-clock': '2027-01-06T00:00:00.000Z' } },
    );
    const client = new LicenseServiceClient(BASE, { fetch, onDemoClock: (instant) => seen.push(instant) });
    await client.validate(identity);
    await expect(client.validate(identity)).rejects.toMatchObject({ code: 'moved' });
    expect(seen).toEqual(['2027-01-05T00:00:00.000Z', '2027-01-06T00:00:00.000Z']);
  });

  it('is not told anything by a service without a demo clock, nor by an answer without headers', async () => {
    const seen: string[] = [];
    const { fetch } = fakeFetch({ status: 200, body: licenseAnswer }, { status: 200, body: licenseAnswer, headers: null });
    const client = new LicenseServiceClient(BASE, { fetch, onDemoClock: (instant) => seen.push(instant) });
    expect(await client.validate(identity)).toEqual(licenseAnswer);
    expect(await client.validate(identity)).toEqual(licenseAnswer);
    expect(seen).toEqual([]);
  });

  it('ignores the header when nobody listens (packaged builds never wire it up)', async () => {
    const { fetch } = fakeFetch({ status: 200, body: licenseAnswer, headers: { 'x-demo-clock': '2027-01-05T00:00:00.000Z' } });
    expect(await new LicenseServiceClient(BASE, { fetch }).validate(identity)).toEqual(licenseAnswer);
  });
});
