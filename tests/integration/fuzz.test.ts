import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { z } from 'zod';
import {
  ErrorBodySchema,
  LicenseResponseSchema,
  OrderResponseSchema,
  OrderSchema,
  PAYMENT_METHODS,
  QuoteResponseSchema,
  RegistrationResponseSchema,
} from '../../src-shared/contracts/http';
import { licenseNumberFromDigits } from '../../src-shared/contracts/license-number';
import { type SignedLicense } from '../../src-shared/contracts/signed-license';
import { issueLicense } from '../../src-server/licenses/license-issuer';
import { type LicenseRow } from '../../src-server/licenses/license-repository';
import { asDomainError } from '../../src-server/domain/rules-errors';
import { createQuote } from '../../src-server/renewals/quote-service';
import { encodeLicenseToken } from '../../src-server/updates/license-token';
import { startTestServer } from '../fixtures/license-server';
import { testStores } from './helpers/test-stores';
import { deviceId } from '../fixtures/service-client';

// Every endpoint of the license service gets at least 1,000 random requests against a real server on a free
// port with a real SQLite file (issue 4): arbitrary JSON, bodies shaped like the real request with hostile values,
// bodies that are not JSON at all, random content types, and realistic values (licenses issued here, bound
// devices, stored quotes and orders) so the checks behind the schemas run too. The answer must never be a 5xx;
// a JSON endpoint answers a 2xx that matches its response schema or a 4xx `{ error: { code, message } }` with a
// code from ERROR_CODES. A failure names the endpoint and shows the exact request that broke the rule.

const NOW = new Date('2026-11-22T01:00:00Z');
const RUNS = 1000;
const TIMEOUT = 120_000;

let server: Awaited<ReturnType<typeof startTestServer>>;

// ---------------------------------------------------------------------------------------------------------------
// Sending and checking

type FuzzRequest = { method: string; path: string; headers: Record<string, string>; body?: string | Uint8Array };
type FuzzResponse = { status: number; text: string; contentType: string };

async function send(request: FuzzRequest): Promise<FuzzResponse> {
  // Node's global fetch keeps connections alive; requests run one after the other inside each property.
  const response = await fetch(`${server.url}${request.path}`, {
    method: request.method,
    headers: request.headers,
    redirect: 'manual',
    ...(request.body === undefined
      ? {}
      : { body: typeof request.body === 'string' ? request.body : new Uint8Array(request.body) }),
  });
  return { status: response.status, text: await response.text(), contentType: response.headers.get('content-type') ?? '' };
}

function show(request: FuzzRequest): string {
  const body =
    request.body === undefined
      ? '(none)'
      : typeof request.body === 'string'
        ? JSON.stringify(
            request.body.length > 4000 ? `${request.body.slice(0, 4000)}… (${request.body.length} chars)` : request.body,
          )
        : `bytes ${Buffer.from(request.body).toString('hex')}`;
  return `request: ${request.method} ${request.path}\nheaders: ${JSON.stringify(request.headers)}\nbody: ${body}`;
}

function failure(why: string, request: FuzzRequest, response: FuzzResponse): Error {
  return new Error(`${why}\n${show(request)}\nanswer: ${response.status} ${response.text.slice(0, 600)}`);
}

/** A JSON endpoint: a 2xx matching its schema, or a typed 4xx with a code from ERROR_CODES; never a 5xx. */
function expectTypedAnswer(request: FuzzRequest, response: FuzzResponse, success: z.ZodType): void {
  if (response.status >= 500) throw failure('5xx from the service', request, response);
  if (request.method === 'HEAD') {
    if (response.status < 200 || (response.status >= 300 && response.status < 400))
      throw failure('unexpected status', request, response);
    return;
  }
  let json: unknown;
  try {
    json = JSON.parse(response.text);
  } catch {
    throw failure('the answer is not JSON', request, response);
  }
  if (response.status >= 200 && response.status < 300) {
    const parsed = success.safeParse(json);
    if (!parsed.success)
      throw failure(`2xx that does not match its schema: ${parsed.error.issues[0]?.message ?? ''}`, request, response);
    return;
  }
  if (response.status < 400) throw failure('unexpected status', request, response);
  if (response.status === 429) throw failure('rate limited although the limit is off', request, response);
  if (!ErrorBodySchema.safeParse(json).success)
    throw failure('untyped 4xx (not { error: { code ∈ ERROR_CODES, message } })', request, response);
}

/** An HTML page or the update feed's files: anything but a 5xx (and no odd 1xx/3xx). */
function expectNoServerError(request: FuzzRequest, response: FuzzResponse): void {
  if (response.status >= 500) throw failure('5xx from the service', request, response);
  if (response.status < 200 || (response.status >= 300 && response.status < 400))
    throw failure('unexpected status', request, response);
}

const anySuccess = z.unknown();
const OrderStatusResponseSchema = z.object({ order: OrderSchema, serverTime: z.string() }).strict();

// ---------------------------------------------------------------------------------------------------------------
// Generators

const MISSING = Symbol('missing');
type Shape = Record<string, fc.Arbitrary<unknown>>;

const WEIRD_STRINGS = [
  '',
  ' ',
  '\u0000',
  '\t\n',
  'null',
  'undefined',
  'NaN',
  'Infinity',
  '-1',
  '1e309',
  '0x10',
  'true',
  '[]',
  '{}',
  '__proto__',
  'constructor',
  '<script>alert(1)</script>',
  "' OR 1=1 --",
  '"; DROP TABLE licenses; --',
  '../../etc/passwd',
  '%00',
  '%',
  '\ud800',
  '\udfff',
  '\u202e',
  '\ufeff',
  'ｓａｋｕｒａ',
  'さくら会計',
  '😀😀😀',
  'A\u0301',
  '\r\nX-Injected: 1',
];
const WEIRD_NUMBERS = [
  -1,
  0,
  -0,
  0.5,
  1.5,
  12.000001,
  -12,
  121,
  1e21,
  1e308,
  -1e308,
  Number.MAX_SAFE_INTEGER + 2,
  Number.MIN_VALUE,
];

const hugeString = fc
  .tuple(fc.integer({ min: 200, max: 80_000 }), fc.constantFrom('x', 'é', '日', '😀', '\u0000', '-', '0'))
  .map(([n, ch]) => ch.repeat(Math.ceil(n / ch.length)));

/** A value of the wrong kind, range or size for whatever field it lands in. */
const hostile: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
  { weight: 4, arbitrary: fc.string({ unit: 'binary', maxLength: 80 }) },
  { weight: 4, arbitrary: fc.constantFrom(...WEIRD_STRINGS) },
  { weight: 1, arbitrary: hugeString },
  { weight: 3, arbitrary: fc.oneof(fc.integer(), fc.double(), fc.constantFrom(...WEIRD_NUMBERS)) },
  { weight: 2, arbitrary: fc.constantFrom(true, false, null) },
  { weight: 2, arbitrary: fc.array(fc.oneof(fc.string(), fc.integer()), { maxLength: 4 }) },
  { weight: 2, arbitrary: fc.dictionary(fc.string({ maxLength: 10 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 }) },
);

const extraKey = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.constantFrom(
    '__proto__',
    'constructor',
    'prototype',
    'toString',
    'hasOwnProperty',
    'licenseNumber ',
    'LicenseNumber',
    'admin',
    'state',
    'termEnd',
  ),
);

/** The request's own keys, each kept, replaced by a hostile value or dropped; sometimes with extra keys. */
function shaped(shape: Shape): fc.Arbitrary<Record<string, unknown>> {
  const fields: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [key, good] of Object.entries(shape)) {
    fields[key] = fc.oneof(
      { weight: 9, arbitrary: good },
      { weight: 2, arbitrary: hostile },
      { weight: 1, arbitrary: fc.constant(MISSING) },
    );
  }
  return fc
    .tuple(fc.record(fields), fc.option(fc.array(fc.tuple(extraKey, hostile), { minLength: 1, maxLength: 3 }), { freq: 6 }))
    .map(([values, extra]) => {
      // No prototype, so a key such as __proto__ becomes an own property and is really sent.
      const body = Object.create(null) as Record<string, unknown>;
      for (const [key, value] of Object.entries(values)) if (value !== MISSING) body[key] = value;
      for (const [key, value] of extra ?? []) body[key] = value;
      return body;
    });
}

/** The request's keys with all good values: the valid-looking end of the mix. */
function plausible(shape: Shape): fc.Arbitrary<Record<string, unknown>> {
  return fc.record(shape);
}

const RAW_TOKENS = [
  'NaN',
  'Infinity',
  '-Infinity',
  '1e999',
  '-1e999',
  '-0',
  '0x1F',
  '012',
  '1.',
  '.5',
  '+1',
  '12.0',
  '1.2e1',
  '1E1',
  '"\\ud800"',
  '"\\u0000"',
  'undefined',
  'true',
  'null',
  '[]',
  '{}',
  "'single'",
  '"unterminated',
  '"a"\u0000',
  '[1,]',
];

/** JSON-like text of the request's keys whose values are raw tokens JSON.stringify would never write. */
function rawJsonText(shape: Shape): fc.Arbitrary<string> {
  const keys = Object.keys(shape);
  const value = (key: string) =>
    fc.oneof(
      shape[key]!.map((v) => JSON.stringify(v) ?? 'null'),
      fc.constantFrom(...RAW_TOKENS),
    );
  return fc
    .tuple(
      fc.tuple(...keys.map((key) => value(key))),
      fc.boolean(),
      fc.option(fc.constantFrom(...keys)),
      fc.constantFrom('', '\ufeff', ' \n\t', '\u00a0'),
    )
    .map(([values, trailingComma, duplicate, prefix]) => {
      const members = keys.map((key, i) => `${JSON.stringify(key)}:${values[i]}`);
      if (duplicate) members.push(`${JSON.stringify(duplicate)}:"duplicate"`);
      return `${prefix}{${members.join(',')}${trailingComma ? ',' : ''}}`;
    });
}

/** Bytes and text that are not JSON (or barely are), sent as application/json. */
const notJson: fc.Arbitrary<string | Uint8Array> = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.uint8Array({ maxLength: 200 }),
  fc.constantFrom(
    '',
    ' ',
    'null',
    '[]',
    '"text"',
    '0',
    '-1',
    'true',
    '{',
    '{"a":',
    '}',
    '{}}',
    '[{}',
    '\ufeff{}',
    'a=1&b=2',
    '\u0000{}',
    '{"a":1}garbage',
  ),
  fc.jsonValue().map((v) => {
    const text = JSON.stringify(v) ?? 'null';
    return text.slice(0, Math.max(0, text.length - 1));
  }),
);

const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'application/JSON',
  'application/json;charset=UTF-16',
  'application/json; charset=latin1',
  'application/json; boundary=x',
  'application/merge-patch+json',
  'application/vnd.api+json',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=----x',
  'text/plain',
  'text/html',
  'application/xml',
  'application/octet-stream',
  '*/*',
  'json',
  '',
  'application/json, text/plain',
  'application/json;;;',
  'application/json; charset="utf-8"',
];
const contentType = fc.oneof(fc.constantFrom(...CONTENT_TYPES), fc.stringMatching(/^[\x21-\x7e][\x20-\x7e]{0,60}[\x21-\x7e]$/));

/** Header values a client could send: printable ASCII and Latin-1, but no line breaks or NUL. */
const headerValue = fc.oneof(
  fc.stringMatching(/^[\x21-\x7e][\x20-\x7e]{0,100}[\x21-\x7e]$/),
  fc.string({
    unit: fc.oneof(fc.integer({ min: 0x21, max: 0x7e }), fc.integer({ min: 0x80, max: 0xff })).map((c) => String.fromCharCode(c)),
    minLength: 1,
    maxLength: 60,
  }),
);

type Body = { contentType: string | null; body: string | Uint8Array };

/** The body mix for a JSON endpoint. */
function jsonBodies(shape: Shape): fc.Arbitrary<Body> {
  const asJson = (value: unknown): Body => ({ contentType: 'application/json', body: JSON.stringify(value) ?? 'null' });
  return fc.oneof(
    { weight: 2, arbitrary: fc.jsonValue().map(asJson) },
    { weight: 6, arbitrary: shaped(shape).map(asJson) },
    { weight: 6, arbitrary: plausible(shape).map(asJson) },
    { weight: 1, arbitrary: rawJsonText(shape).map((body) => ({ contentType: 'application/json', body })) },
    { weight: 1, arbitrary: notJson.map((body) => ({ contentType: 'application/json', body })) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(
          fc.option(contentType, { freq: 8 }),
          fc.oneof(
            shaped(shape).map((v) => JSON.stringify(v)),
            notJson,
          ),
        )
        .map(([type, body]) => ({ contentType: type, body })),
    },
  );
}

function jsonPost(route: string, body: Body, extraHeaders: Record<string, string> = {}): FuzzRequest {
  const headers: Record<string, string> = { ...extraHeaders };
  // With no content type, a Uint8Array goes without one; a string would get text/plain from fetch.
  if (body.contentType !== null) headers['content-type'] = body.contentType;
  return {
    method: 'POST',
    path: route,
    headers,
    body: body.contentType === null && typeof body.body === 'string' ? Buffer.from(body.body) : body.body,
  };
}

// Field generators with realistic values mixed with near misses.

const randomDevice = fc.uint8Array({ minLength: 32, maxLength: 32 }).map((bytes) => Buffer.from(bytes).toString('hex'));
const nearMissDevice = fc.oneof(
  randomDevice.map((d) => d.toUpperCase()),
  randomDevice.map((d) => d.slice(1)),
  randomDevice.map((d) => `${d}0`),
  randomDevice.map((d) => `${d.slice(0, 63)}g`),
  fc.constantFrom('machine-id-raw', ' '.repeat(64)),
);
const randomLicenseNumber = fc
  .array(fc.integer({ min: 0, max: 31 }), { minLength: 15, maxLength: 15 })
  .map((d) => licenseNumberFromDigits(d));
const numberVariants = (numbers: string[]) =>
  fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...numbers) },
    { weight: 1, arbitrary: fc.constantFrom(...numbers).map((n) => n.toLowerCase()) },
    { weight: 1, arbitrary: fc.constantFrom(...numbers).map((n) => n.replace(/-/g, '')) },
    { weight: 1, arbitrary: fc.constantFrom(...numbers).map((n) => ` ${n.replace(/-/g, ' ')} `) },
    { weight: 1, arbitrary: fc.constantFrom(...numbers).map((n) => n.replace(/0/g, 'O').replace(/1/g, 'l')) },
    { weight: 1, arbitrary: fc.constantFrom(...numbers).map((n) => `${n.slice(0, -1)}${n.endsWith('A') ? 'B' : 'A'}`) },
    { weight: 2, arbitrary: randomLicenseNumber },
    { weight: 1, arbitrary: fc.constantFrom('0000-0000-0000-0000', 'ABCD', 'UUUU-UUUU-UUUU-UUUU', '****-****-****-AB7K') },
    { weight: 1, arbitrary: fc.string({ maxLength: 24 }) },
  );
const appVersion = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('1.0.0', '1.2.3', '2.0.0-beta.1', '0.0.1') },
  { weight: 1, arbitrary: fc.tuple(fc.nat(99999), fc.nat(99), fc.nat(99)).map((p) => p.join('.')) },
  { weight: 1, arbitrary: fc.constantFrom('1.0', 'v1.0.0', '1.0.0-', '1.0.0+build', '1.0.0-ß', `1.0.0-${'a'.repeat(5000)}`) },
);

// ---------------------------------------------------------------------------------------------------------------
// Realistic state: licenses in several states, bound devices, quotes, orders and a release feed

type Held = { number: string; device: string; product: string; id: string };

/** Each held license's options when the setup ended (the request shapes are built synchronously). */
const optionsOf = new Map<string, string[]>();

const emptyRealistic = () => ({
  products: [] as string[],
  options: [] as string[],
  activation: [] as { number: string; product: string }[],
  bound: [] as Held[],
  stopped: [] as Held[],
  renewal: [] as (Held & { quoteIds: string[] })[],
  web: [] as (Held & { quoteIds: string[] })[],
  registrations: [] as { product: string; registrationNumber: string; installKey: string }[],
  orderHolder: null as (Held & { orderIds: string[] }) | null,
  tokens: [] as string[],
  files: [] as string[],
});
const realistic = emptyRealistic();

let serial = 0;
async function held(license: LicenseRow, bind = true): Promise<Held> {
  const device = deviceId(`fuzz-${serial++}`);
  if (bind) await server.ctx.licenses.bindDevice(license.id, device, '1.0.0', NOW.toISOString());
  return { number: license.number, device, product: license.product, id: license.id };
}

async function issue(product: string, edition: 'package' | 'download', end: string, start = '2025-01-01'): Promise<LicenseRow> {
  return (await issueLicense(server.ctx, { product, edition, start, end })).license;
}

/** A package license registered by its owner, so renewals pass the registration check. */
async function registered(product: string, end: string): Promise<LicenseRow> {
  const license = await issue(product, 'package', end);
  await server.ctx.licenses.register(license.id, '山田 花子', 'hanako@example.jp', NOW.toISOString());
  return (await server.ctx.licenses.findById(license.id))!;
}

const EXPECTED_QUOTE_REFUSALS = new Set<string>([
  'months-not-allowed',
  'option-not-removable',
  'registration-required',
  'renewal-not-open',
  'repurchase-required',
]);

async function quotesFor(license: LicenseRow): Promise<string[]> {
  const fresh = (await server.ctx.licenses.findById(license.id))!;
  const options = fresh.options.map((o) => o.code);
  const ids: string[] = [];
  for (const [months, wanted] of [
    [12, options],
    [12, []],
    [6, options],
  ] as const) {
    try {
      ids.push((await createQuote(server.ctx, fresh, months, [...wanted])).id);
    } catch (error) {
      // The service's own refusals (a length the policy does not offer, an option it does not let go, the licenses
      // that are there to be refused) yield no quote; any other failure is a broken setup and must fail the test
      // rather than leave nothing to fuzz.
      const refusal = asDomainError(error);
      if (refusal && EXPECTED_QUOTE_REFUSALS.has(refusal.code)) continue;
      throw new Error(
        `setup: quote for ${fresh.product}/${fresh.edition} ${months} months [${wanted.join(',')}] failed: ${String(error)}`,
        { cause: error },
      );
    }
  }
  return ids;
}

async function activate(number: string, product: string, device: string): Promise<SignedLicense> {
  const response = await fetch(`${server.url}/v1/activations`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ licenseNumber: number, product, device, appVersion: '1.0.0' }),
  });
  if (response.status !== 200) throw new Error(`setup activation failed: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { license: SignedLicense }).license;
}

function writeRelease(dir: string): void {
  fs.mkdirSync(dir, { recursive: true });
  const artifact = (name: string, size: number) => {
    const bytes = crypto.randomBytes(size);
    fs.writeFileSync(path.join(dir, name), bytes);
    return { name, bytes };
  };
  const channel = (file: string, version: string, releaseDate: string, artifacts: { name: string; bytes: Buffer }[]) => {
    const sha = (b: Buffer) => crypto.createHash('sha512').update(b).digest('base64');
    const entries = artifacts.map((a) => `  - url: ${a.name}\n    sha512: ${sha(a.bytes)}\n    size: ${a.bytes.length}`);
    fs.writeFileSync(
      path.join(dir, file),
      `version: ${version}\nfiles:\n${entries.join('\n')}\npath: ${artifacts[0]!.name}\nsha512: ${sha(artifacts[0]!.bytes)}\nreleaseDate: '${releaseDate}'\n`,
    );
  };
  const exe = artifact('さくら会計-Desktop-Setup-1.1.0.exe', 2_000);
  const blockmap = artifact('さくら会計-Desktop-Setup-1.1.0.exe.blockmap', 200);
  const dmg = artifact('RenewalDesk-1.1.0.dmg', 1_000);
  const appImage = artifact('RenewalDesk-1.2.0.AppImage', 1_000);
  artifact('stray-notes.txt', 10);
  channel('latest.yml', '1.1.0', '2026-10-01T03:00:00.000Z', [exe]);
  channel('latest-mac.yml', '1.1.0', '2026-10-01T03:00:00.000Z', [dmg]);
  channel('latest-linux.yml', '1.2.0', '2027-06-01T01:00:00.000Z', [appImage]);
  fs.writeFileSync(path.join(dir, 'beta.yml'), 'version: [unclosed\n');
  realistic.files = [
    'latest.yml',
    'latest-mac.yml',
    'latest-linux.yml',
    'beta.yml',
    exe.name,
    blockmap.name,
    dmg.name,
    appImage.name,
    'stray-notes.txt',
    'missing.yml',
  ];
}

describe.each(testStores())('on %s', (store) => {
  beforeAll(async () => {
    // Each store gets its own realistic state.
    Object.assign(realistic, emptyRealistic());
    optionsOf.clear();
    server = await startTestServer({ clock: () => NOW, store });
    const { catalog } = server.ctx;
    realistic.products = catalog.products.map((p) => p.code);
    realistic.options = [
      ...new Set(
        catalog.products.flatMap((p) => Object.values(p.editions).flatMap((e) => e?.policy.options.map((o) => o.code) ?? [])),
      ),
    ];

    // Activations move these freely between random devices.
    for (const [product, edition] of [
      ['sakura-kaikei', 'package'],
      ['menzei-terminal', 'download'],
      ['model-studio', 'download'],
      ['sakura-kaikei', 'download'],
    ] as const) {
      const license = await issue(product, edition, '2027-03-31');
      realistic.activation.push({ number: license.number, product });
    }
    // Bound to one device each, for validations: plain, auto-renewing in its window, annual, expired, a trial.
    realistic.bound.push(await held(await issue('sakura-kaikei', 'package', '2027-03-31')));
    realistic.bound.push(await held(await issue('menzei-terminal', 'download', '2027-06-30')));
    const autoRenewing = await issue('sakura-kaikei', 'download', '2026-12-31');
    await server.ctx.licenses.setAutoRenew(autoRenewing.id, true, NOW.toISOString());
    realistic.bound.push(await held(autoRenewing));
    realistic.bound.push(await held(await issue('model-studio-annual', 'download', '2027-01-31')));
    realistic.bound.push(await held(await issue('sakura-suitocho', 'download', '2025-06-30', '2024-07-01')));
    realistic.bound.push(
      await held(
        (
          await issueLicense(server.ctx, {
            product: 'menzei-terminal',
            edition: 'download',
            start: '2026-11-01',
            end: '2026-11-30',
            trial: true,
          })
        ).license,
      ),
    );
    // Revoked, cancelled and moved licenses answer with their own refusals.
    for (const state of ['revoked', 'cancelled'] as const) {
      const stopped = await held(await issue('sakura-kaikei', 'download', '2027-03-31'));
      await server.ctx.licenses.setState(stopped.id, state, NOW.toISOString());
      realistic.stopped.push(stopped);
    }
    const moved = await held(await issue('sakura-kaikei', 'download', '2027-03-31'));
    realistic.stopped.push({ ...moved });
    await server.ctx.licenses.bindDevice(moved.id, deviceId('fuzz-moved-elsewhere'), '1.0.0', NOW.toISOString());

    // Renewals: window open (download, registered package), unregistered package, not yet open, past resumption,
    // resumable, annual; each with the quotes the policy allows.
    const renewable = [
      ...(await Promise.all(
        ['sakura-kaikei', 'sakura-kaikei', 'sakura-kaikei', 'sakura-suitocho', 'sakura-suitocho', 'sakura-seikyu-takumi'].map(
          (p) => issue(p, 'download', '2026-12-31'),
        ),
      )),
      await registered('sakura-kaikei', '2026-12-31'),
      await issue('menzei-terminal', 'download', '2026-12-31'),
      await issue('sakura-seikyu-takumi', 'download', '2026-11-30'),
      await issue('sakura-kaikei', 'package', '2026-12-31'),
      await issue('sakura-kaikei', 'download', '2027-10-31'),
      await issue('sakura-kaikei', 'download', '2026-10-31'),
      await issue('sakura-kaikei', 'download', '2024-03-31', '2023-04-01'),
      await issue('model-studio-annual', 'download', '2026-12-31'),
      await issue('model-studio', 'download', '2026-12-31'),
    ];
    for (const license of renewable) realistic.renewal.push({ ...(await held(license)), quoteIds: await quotesFor(license) });
    for (const product of [
      'sakura-kaikei',
      'sakura-kaikei',
      'sakura-kaikei',
      'sakura-suitocho',
      'sakura-suitocho',
      'menzei-terminal',
      'menzei-terminal',
      'sakura-seikyu-takumi',
    ]) {
      const license = await issue(product, 'download', '2026-12-31');
      realistic.web.push({ ...(await held(license)), quoteIds: await quotesFor(license) });
    }
    if (realistic.renewal.every((r) => r.quoteIds.length === 0)) throw new Error('setup: no quote could be created');

    for (const product of ['sakura-kaikei', 'sakura-suitocho', 'shinsei-shien']) {
      const { registration } = await issueLicense(server.ctx, {
        product,
        edition: 'package',
        start: '2026-04-01',
        end: '2027-03-31',
      });
      if (registration) realistic.registrations.push({ product, ...registration });
    }

    // Orders the status endpoint can find: a bank transfer left pending.
    const orderLicense = await held(await issue('sakura-kaikei', 'download', '2026-12-31'));
    const [quoteId] = await quotesFor((await server.ctx.licenses.findById(orderLicense.id))!);
    const placed = await fetch(`${server.url}/v1/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() },
      body: JSON.stringify({ licenseNumber: orderLicense.number, device: orderLicense.device, quoteId, method: 'bank-transfer' }),
    });
    if (placed.status !== 201) throw new Error(`setup order failed: ${placed.status} ${await placed.text()}`);
    const orderId = ((await placed.json()) as { order: { id: string } }).order.id;
    realistic.orderHolder = { ...orderLicense, orderIds: [orderId, crypto.randomUUID()] };

    // License tokens for the update feed: covered, not covered by a later release, moved, revoked, from another key.
    writeRelease(server.ctx.config.releasesPath);
    const tokenOf = async (product: string, edition: 'package' | 'download', end: string) => {
      const license = await issue(product, edition, end);
      const device = deviceId(`fuzz-token-${serial++}`);
      return { license, device, signed: await activate(license.number, product, device) };
    };
    const covered = await tokenOf('sakura-kaikei', 'download', '2027-03-31');
    const short = await tokenOf('sakura-kaikei', 'package', '2026-09-30');
    const movedToken = await tokenOf('menzei-terminal', 'download', '2027-03-31');
    await activate(movedToken.license.number, 'menzei-terminal', deviceId('fuzz-token-elsewhere'));
    const revokedToken = await tokenOf('model-studio', 'download', '2027-03-31');
    await server.ctx.licenses.setState(revokedToken.license.id, 'revoked', NOW.toISOString());
    const foreignKey = crypto.generateKeyPairSync('ed25519').privateKey;
    const forged = {
      payload: covered.signed.payload,
      signature: crypto.sign(null, Buffer.from(covered.signed.payload), foreignKey).toString('base64'),
    };
    realistic.tokens = [covered, short, movedToken, revokedToken].map((t) => encodeLicenseToken(t.signed));
    realistic.tokens.push(encodeLicenseToken(forged));
    realistic.tokens.push(
      encodeLicenseToken({
        payload: covered.signed.payload.replace('2027-03-31', '2099-03-31'),
        signature: covered.signed.signature,
      }),
    );
    for (const entry of [...realistic.bound, ...realistic.stopped, ...realistic.renewal])
      optionsOf.set(entry.id, (await server.ctx.licenses.findById(entry.id))?.options.map((o) => o.code) ?? []);
  }, 60_000);

  afterAll(async () => {
    await server?.close();
    if (server) fs.rmSync(server.dir, { recursive: true, force: true });
  });

  // ---------------------------------------------------------------------------------------------------------------
  // Shapes of the JSON requests

  const product = () =>
    fc.oneof(
      { weight: 6, arbitrary: fc.constantFrom(...realistic.products) },
      { weight: 1, arbitrary: fc.constantFrom('no-such-product', 'SAKURA-KAIKEI', 'sakura-kaikei ', 'a', '-x', 'x'.repeat(64)) },
    );
  const anyDevice = (devices: string[]) =>
    fc.oneof(
      { weight: 5, arbitrary: fc.constantFrom(...devices) },
      { weight: 3, arbitrary: randomDevice },
      { weight: 1, arbitrary: nearMissDevice },
    );

  /** Keys and values that belong together (a license, its product and device), then shaped and mutated. */
  function coherent<T>(entries: T[], shapeOf: (entry: T) => Shape): fc.Arbitrary<Body> {
    return fc.oneof(...entries.map((entry) => jsonBodies(shapeOf(entry))));
  }

  const allHeld = () => [...realistic.bound, ...realistic.stopped, ...realistic.renewal];

  function activationBodies(): fc.Arbitrary<Body> {
    const entries = [...realistic.activation, ...realistic.stopped];
    return coherent(entries, (entry) => ({
      licenseNumber: numberVariants([entry.number]),
      product: fc.oneof({ weight: 4, arbitrary: fc.constant(entry.product) }, { weight: 1, arbitrary: product() }),
      device: anyDevice(allHeld().map((h) => h.device)),
      appVersion,
    }));
  }

  function validationBodies(): fc.Arbitrary<Body> {
    return coherent([...realistic.bound, ...realistic.stopped], (entry) => ({
      licenseNumber: numberVariants([entry.number]),
      product: fc.oneof({ weight: 4, arbitrary: fc.constant(entry.product) }, { weight: 1, arbitrary: product() }),
      device: fc.oneof(
        { weight: 4, arbitrary: fc.constant(entry.device) },
        { weight: 1, arbitrary: anyDevice(allHeld().map((h) => h.device)) },
      ),
      appVersion,
    }));
  }

  function trialBodies(): fc.Arbitrary<Body> {
    return jsonBodies({
      product: fc.oneof({ weight: 3, arbitrary: fc.constant('menzei-terminal') }, { weight: 2, arbitrary: product() }),
      device: fc.oneof(randomDevice, fc.constantFrom(...realistic.bound.map((h) => h.device)), nearMissDevice),
      appVersion,
      termsAccepted: fc.oneof(
        { weight: 5, arbitrary: fc.constant(true) },
        { weight: 1, arbitrary: fc.constantFrom(false, 'true', 1, null) },
      ),
    });
  }

  function registrationBodies(): fc.Arbitrary<Body> {
    return coherent(realistic.registrations, (entry) => ({
      product: fc.oneof({ weight: 4, arbitrary: fc.constant(entry.product) }, { weight: 1, arbitrary: product() }),
      registrationNumber: fc.oneof(
        { weight: 4, arbitrary: fc.constant(entry.registrationNumber) },
        { weight: 1, arbitrary: fc.constant(` ${entry.registrationNumber.replace(/-/g, '')} `) },
        { weight: 1, arbitrary: fc.stringMatching(/^\d{4}-\d{4}-\d{4}$/) },
      ),
      installKey: fc.oneof(
        { weight: 4, arbitrary: fc.constant(entry.installKey) },
        { weight: 1, arbitrary: fc.constant(entry.installKey.toLowerCase().replace(/-/g, ' ')) },
        { weight: 1, arbitrary: randomLicenseNumber },
      ),
      name: fc.oneof(
        fc.constantFrom('山田 花子', 'Hanako Yamada'),
        fc.string({ unit: 'grapheme', maxLength: 120 }),
        fc.constantFrom('   ', '\u3000'),
      ),
      email: fc.oneof(
        fc.constantFrom('hanako@example.jp', 'a@b.co'),
        fc.emailAddress(),
        fc.constantFrom('not-an-email', '@', 'a@', `${'a'.repeat(250)}@example.jp`),
      ),
    }));
  }

  const optionList = (own: string[]) =>
    fc.oneof(
      { weight: 6, arbitrary: fc.subarray(own) },
      { weight: 1, arbitrary: fc.subarray(realistic.options) },
      { weight: 1, arbitrary: fc.array(fc.constantFrom(...realistic.options), { maxLength: 4 }) },
      { weight: 1, arbitrary: fc.array(fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,10}$/), { maxLength: 25 }) },
    );
  const monthsValue = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(12, 6, 24, 36) },
    { weight: 1, arbitrary: fc.integer({ min: -3, max: 130 }) },
  );

  function quoteBodies(): fc.Arbitrary<Body> {
    return coherent([...realistic.renewal, ...realistic.renewal, ...realistic.stopped, ...realistic.bound], (entry) => ({
      licenseNumber: numberVariants([entry.number]),
      device: fc.oneof({ weight: 5, arbitrary: fc.constant(entry.device) }, { weight: 1, arbitrary: randomDevice }),
      months: monthsValue,
      options: optionList(optionsOf.get(entry.id) ?? []),
    }));
  }

  const card = fc.oneof(
    {
      weight: 4,
      arbitrary: fc.record({
        number: fc.constantFrom('4242424242424242', '4242 4242 4242 4242', '4000000000000002'),
        expiry: fc.constantFrom('12/30', '01/27', '11/26'),
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        number: fc.stringMatching(/^[0-9 ]{12,23}$/),
        expiry: fc.stringMatching(/^(0[1-9]|1[0-2])\/\d{2}$/),
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        number: fc.constantFrom('4242424242424241', '0000000000000000', '4242-4242-4242-4242'),
        expiry: fc.constantFrom('01/20', '13/30', '00/00', '1/30'),
      }),
    },
  );

  function orderBodies(): fc.Arbitrary<Body> {
    const withQuotes = realistic.renewal.filter((r) => r.quoteIds.length > 0);
    const entries: (Held & { quoteIds?: string[] })[] = [...withQuotes, ...realistic.renewal, ...realistic.stopped];
    return coherent(entries, (entry) => {
      const quoteIds = entry.quoteIds?.length ? entry.quoteIds : [crypto.randomUUID()];
      return {
        licenseNumber: numberVariants([entry.number]),
        device: fc.oneof({ weight: 5, arbitrary: fc.constant(entry.device) }, { weight: 1, arbitrary: randomDevice }),
        quoteId: fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...quoteIds) }, { weight: 1, arbitrary: fc.uuid() }),
        method: fc.oneof(
          { weight: 5, arbitrary: fc.constantFrom(...PAYMENT_METHODS) },
          { weight: 1, arbitrary: fc.constantFrom('cash', 'CARD', '') },
        ),
        card,
      };
    });
  }

  /** Idempotency-Key: missing, fresh and valid, shared between bodies, too short, too long, odd characters. */
  const idempotencyKey: fc.Arbitrary<string | null> = fc.oneof(
    { weight: 2, arbitrary: fc.constant(null) },
    { weight: 5, arbitrary: fc.uuid() },
    { weight: 2, arbitrary: fc.constantFrom('fuzz-shared-key-0001', 'fuzz-shared-key-0002') },
    { weight: 1, arbitrary: fc.stringMatching(/^[A-Za-z0-9_\-:.]{8,128}$/) },
    { weight: 1, arbitrary: fc.stringMatching(/^[A-Za-z0-9]{1,7}$/) },
    { weight: 1, arbitrary: fc.integer({ min: 129, max: 6000 }).map((n) => 'k'.repeat(n)) },
    { weight: 2, arbitrary: headerValue },
  );

  // ---------------------------------------------------------------------------------------------------------------
  // Query strings and path segments

  /** Percent-encodes arbitrary bytes, including sequences that are not UTF-8. */
  const percentBytes = fc
    .uint8Array({ minLength: 1, maxLength: 12 })
    .map((bytes) => [...bytes].map((b) => `%${b.toString(16).padStart(2, '0')}`).join(''));
  const pathSegment = (real: string[]) =>
    fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...real).map(encodeURIComponent) },
      { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }).map(encodeURIComponent) },
      { weight: 2, arbitrary: fc.stringMatching(/^[A-Za-z0-9._~!$&'()*+,;=:@%-]{0,40}$/) },
      { weight: 1, arbitrary: percentBytes },
      {
        weight: 1,
        arbitrary: fc.constantFrom(
          '..',
          '%2e%2e',
          '..%2F..%2Fetc%2Fpasswd',
          '%2F',
          '.hidden',
          '%00',
          '%',
          '%zz',
          'a%2Fb',
          'x'.repeat(300),
          '',
        ),
      },
    );

  function queryString(pairs: fc.Arbitrary<[string, string][]>): fc.Arbitrary<string> {
    return fc.oneof(
      { weight: 6, arbitrary: pairs.map((p) => (p.length ? `?${new URLSearchParams(p).toString()}` : '')) },
      { weight: 1, arbitrary: fc.stringMatching(/^[A-Za-z0-9=&%+._~[\]-]{0,60}$/).map((q) => `?${q}`) },
      { weight: 1, arbitrary: percentBytes.map((q) => `?license=${q}&${q}=1`) },
    );
  }

  // URLSearchParams turns lone surrogates into U+FFFD, as a browser would.
  const stringValue = fc.oneof(fc.string({ unit: 'binary', maxLength: 40 }), fc.constantFrom(...WEIRD_STRINGS));
  const pair = (key: fc.Arbitrary<string>, value: fc.Arbitrary<string>) => fc.tuple(key, value);

  // ---------------------------------------------------------------------------------------------------------------

  describe('every endpoint answers random input with a typed 4xx (or a 2xx), never a 5xx', () => {
    const jsonEndpoint = (route: string, bodies: () => fc.Arbitrary<Body>, success: z.ZodType) =>
      it(
        `POST ${route}: ${RUNS} random bodies`,
        async () => {
          await fc.assert(
            fc.asyncProperty(bodies(), async (body) => {
              const request = jsonPost(route, body);
              expectTypedAnswer(request, await send(request), success);
            }),
            { numRuns: RUNS },
          );
        },
        TIMEOUT,
      );

    jsonEndpoint('/v1/activations', activationBodies, LicenseResponseSchema);
    jsonEndpoint('/v1/validations', validationBodies, LicenseResponseSchema);
    jsonEndpoint('/v1/trials', trialBodies, LicenseResponseSchema);
    jsonEndpoint('/v1/registrations', registrationBodies, RegistrationResponseSchema);
    jsonEndpoint('/v1/quotes', quoteBodies, QuoteResponseSchema);

    it(
      `POST /v1/orders: ${RUNS} random bodies and Idempotency-Keys`,
      async () => {
        await fc.assert(
          fc.asyncProperty(orderBodies(), idempotencyKey, async (body, key) => {
            const request = jsonPost('/v1/orders', body, key === null ? {} : { 'idempotency-key': key });
            expectTypedAnswer(request, await send(request), OrderResponseSchema);
          }),
          { numRuns: RUNS },
        );
      },
      TIMEOUT,
    );

    it(
      `GET /v1/orders/:id: ${RUNS} random ids and queries`,
      async () => {
        const holder = realistic.orderHolder!;
        const licenses = [holder, ...realistic.renewal.slice(0, 3), ...realistic.stopped];
        const query = queryString(
          fc.array(
            fc.oneof(
              { weight: 3, arbitrary: pair(fc.constant('licenseNumber'), numberVariants(licenses.map((l) => l.number))) },
              { weight: 3, arbitrary: pair(fc.constant('device'), anyDevice(licenses.map((l) => l.device))) },
              {
                weight: 1,
                arbitrary: pair(fc.constantFrom('licenseNumber', 'device', 'extra', '__proto__', 'licenseNumber[]'), stringValue),
              },
            ),
            { maxLength: 4 },
          ),
        );
        const valid = fc.constant(`?${new URLSearchParams({ licenseNumber: holder.number, device: holder.device }).toString()}`);
        await fc.assert(
          fc.asyncProperty(
            pathSegment(holder.orderIds),
            fc.oneof({ weight: 3, arbitrary: query }, { weight: 1, arbitrary: valid }),
            async (id, q) => {
              const request: FuzzRequest = { method: 'GET', path: `/v1/orders/${id}${q}`, headers: {} };
              expectTypedAnswer(request, await send(request), OrderStatusResponseSchema);
            },
          ),
          { numRuns: RUNS },
        );
      },
      TIMEOUT,
    );

    const renewalQueries = () => {
      const numbers = [...realistic.web, ...realistic.renewal, ...realistic.stopped].map((l) => l.number);
      return queryString(
        fc.array(
          fc.oneof(
            { weight: 4, arbitrary: pair(fc.constant('license'), numberVariants(numbers)) },
            { weight: 2, arbitrary: pair(fc.constant('lang'), fc.oneof(fc.constantFrom('en', 'ja', 'EN', ''), stringValue)) },
            {
              weight: 1,
              arbitrary: pair(
                fc.oneof(fc.constantFrom('license', 'lang', '__proto__', 'license[]'), fc.string({ maxLength: 8 })),
                stringValue,
              ),
            },
          ),
          { maxLength: 4 },
        ),
      );
    };

    it(
      `GET /renew: ${RUNS} random query strings`,
      async () => {
        await fc.assert(
          fc.asyncProperty(renewalQueries(), async (q) => {
            const request: FuzzRequest = { method: 'GET', path: `/renew${q}`, headers: {} };
            expectNoServerError(request, await send(request));
          }),
          { numRuns: RUNS },
        );
      },
      TIMEOUT,
    );

    it(
      `GET /renew/:product: ${RUNS} random products and query strings`,
      async () => {
        await fc.assert(
          fc.asyncProperty(pathSegment(realistic.products), renewalQueries(), async (product, q) => {
            const request: FuzzRequest = { method: 'GET', path: `/renew/${product}${q}`, headers: {} };
            const response = await send(request);
            // The page answers in HTML; a path the router refuses gets the service's JSON refusal.
            if (response.contentType.startsWith('text/html')) expectNoServerError(request, response);
            else expectTypedAnswer(request, response, anySuccess);
          }),
          { numRuns: RUNS },
        );
      },
      TIMEOUT,
    );

    it(
      `POST /renew/order: ${RUNS} random form bodies`,
      async () => {
        const form = fc.constantFrom(...realistic.web).chain((entry) =>
          fc.tuple(
            shaped({
              license: numberVariants([entry.number]),
              quoteId: fc.oneof(
                { weight: 5, arbitrary: fc.constantFrom(...(entry.quoteIds.length ? entry.quoteIds : [crypto.randomUUID()])) },
                { weight: 1, arbitrary: fc.uuid() },
              ),
              idempotencyKey: fc.oneof(
                { weight: 5, arbitrary: fc.uuid() },
                { weight: 1, arbitrary: idempotencyKey.map((k) => k ?? '') },
              ),
              method: fc.oneof(
                { weight: 5, arbitrary: fc.constantFrom(...PAYMENT_METHODS) },
                { weight: 1, arbitrary: fc.constantFrom('cash', '') },
              ),
              cardNumber: fc.constantFrom('4242424242424242', '4000000000000002', '4242 4242 4242 4242', '1234'),
              cardExpiry: fc.constantFrom('12/30', '01/20', '13/99', ''),
            }),
            fc.option(fc.constantFrom('license', 'method', 'quoteId'), { freq: 4 }),
          ),
        );
        const encode = ([fields, duplicate]: [Record<string, unknown>, string | null]): string => {
          const params = new URLSearchParams();
          for (const [key, value] of Object.entries(fields))
            params.append(key, typeof value === 'string' ? value : (JSON.stringify(value) ?? ''));
          // A repeated key makes the form parser hand over an array.
          if (duplicate) params.append(duplicate, 'again');
          return params.toString();
        };
        const body: fc.Arbitrary<Body> = fc.oneof(
          { weight: 8, arbitrary: form.map((f) => ({ contentType: 'application/x-www-form-urlencoded', body: encode(f) })) },
          {
            weight: 1,
            arbitrary: fc
              .stringMatching(/^[\x20-\x7e]{0,200}$/)
              .map((b) => ({ contentType: 'application/x-www-form-urlencoded', body: b })),
          },
          {
            weight: 1,
            arbitrary: percentBytes.map((b) => ({
              contentType: 'application/x-www-form-urlencoded',
              body: `license=${b}&${b}=${b}`,
            })),
          },
          {
            weight: 1,
            arbitrary: fc
              .tuple(fc.option(contentType, { freq: 8 }), notJson)
              .map(([type, b]) => ({ contentType: type, body: b })),
          },
          { weight: 1, arbitrary: form.map((f) => ({ contentType: 'application/json', body: JSON.stringify(f[0]) })) },
        );
        const lang = fc.constantFrom('', '?lang=en', '?lang=ja', '?lang=xx', '?lang=en&lang=ja');
        await fc.assert(
          fc.asyncProperty(body, lang, async (b, q) => {
            const request = jsonPost(`/renew/order${q}`, b);
            expectNoServerError(request, await send(request));
          }),
          { numRuns: RUNS },
        );
      },
      TIMEOUT,
    );

    it(
      `GET and HEAD /updates/:file: ${RUNS} random file names and license tokens`,
      async () => {
        const token: fc.Arbitrary<string | null> = fc.oneof(
          { weight: 2, arbitrary: fc.constant(null) },
          { weight: 1, arbitrary: fc.constant('') },
          { weight: 5, arbitrary: fc.constantFrom(...realistic.tokens) },
          {
            weight: 2,
            arbitrary: fc
              .tuple(fc.base64String({ maxLength: 200 }), fc.uint8Array({ minLength: 64, maxLength: 64 }))
              .map(
                ([payload, sig]) =>
                  `${payload.replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_')}.${Buffer.from(sig).toString('base64')}`,
              ),
          },
          {
            weight: 1,
            arbitrary: fc
              .tuple(fc.jsonValue(), fc.uint8Array({ minLength: 64, maxLength: 64 }))
              .map(
                ([payload, sig]) =>
                  `${Buffer.from(JSON.stringify(payload) ?? 'null').toString('base64url')}.${Buffer.from(sig).toString('base64')}`,
              ),
          },
          {
            weight: 1,
            arbitrary: fc
              .tuple(fc.constantFrom(...realistic.tokens), fc.nat(400), fc.constantFrom('A', '.', '=', '_'))
              .map(([t, at, ch]) => `${t.slice(0, at)}${ch}${t.slice(at + 1)}`),
          },
          { weight: 2, arbitrary: headerValue },
        );
        await fc.assert(
          fc.asyncProperty(
            pathSegment(realistic.files),
            token,
            fc.constantFrom('GET', 'GET', 'GET', 'HEAD'),
            async (file, t, method) => {
              const request: FuzzRequest = {
                method,
                path: `/updates/${file}`,
                headers: t === null ? {} : { 'x-license-token': t },
              };
              const response = await send(request);
              // A file of the feed is bytes or YAML; everything else is a typed refusal.
              if (method === 'GET' && response.status === 200) expectNoServerError(request, response);
              else expectTypedAnswer(request, response, anySuccess);
            },
          ),
          { numRuns: RUNS },
        );
      },
      TIMEOUT,
    );

    it(
      `any method on any route: ${RUNS} requests`,
      async () => {
        const routes = [
          '/v1/activations',
          '/v1/validations',
          '/v1/trials',
          '/v1/registrations',
          '/v1/quotes',
          '/v1/orders',
          '/v1/orders/x',
          '/v1/health',
          '/renew',
          '/renew/order',
          '/updates/latest.yml',
          '/',
          '/v2/anything',
        ];
        const route = fc.oneof(
          fc.constantFrom(...routes),
          pathSegment(routes.map((r) => r.slice(1))).map((p) => `/${p}`),
        );
        const method = fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD');
        await fc.assert(
          fc.asyncProperty(route, method, fc.option(fc.jsonValue(), { freq: 2 }), async (r, m, json) => {
            const carriesBody = m !== 'GET' && m !== 'HEAD' && json !== null;
            const request: FuzzRequest = {
              method: m,
              path: r,
              headers: carriesBody ? { 'content-type': 'application/json' } : {},
              ...(carriesBody ? { body: JSON.stringify(json) } : {}),
            };
            const response = await send(request);
            // The renewal pages answer in HTML and the feed's files are bytes or YAML; the rest is JSON.
            const html = response.contentType.startsWith('text/html');
            const file = response.status < 300 && !response.contentType.startsWith('application/json');
            if (html || file) expectNoServerError(request, response);
            else expectTypedAnswer(request, response, anySuccess);
          }),
          { numRuns: RUNS },
        );
      },
      TIMEOUT,
    );
  });
});
