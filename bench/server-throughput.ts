import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import Fastify, { type FastifyInstance } from 'fastify';
import { addDays, jstDateOf } from '../src-shared/licensing';
import { defaultValidationWorkers, loadServerConfig } from '../src-server/config';
import { signCanonicalAsync, type SigningKey } from '../src-server/keys/signing-key';
import { issueLicense } from '../src-server/licenses/license-issuer';
import { type LicenseServer, startLicenseServer } from '../src-server/server';
import { type CpuPerRequest, measureCpu, showCpu } from './cpu-per-request';

// `npm run bench:server` (issue 10 §7): POST /v1/validations — the request every desktop app makes in the
// background — against the real floor, measured in the same run:
//   - a bare Fastify route (HTTP alone),
//   - a "signed bare" route that parses the same body and signs a payload of the same size with Ed25519, off the
//     event loop as the service does: the irreducible cost of a validation,
// at saturation (100 connections) and, for every route of the service, the p99 at a fixed offered load of
// 1,000 requests per second. At saturation every route is first warmed up alike (BENCH_WARMUP_SECONDS), then the
// signed bare route and the validations are measured in turn, BENCH_ROUNDS times BENCH_SECONDS each, and each
// figure is the median of its rounds: this machine's speed drifts by tens of per cent from minute to minute, and
// taking the two in turn lets a drift weigh on both. Targets: validations ≥ 80 % of the signed bare route's
// throughput; validation p99 at 1,000 req/s ≤ 1.5 × the signed bare route's. Nothing is cached: every validation signs a fresh payload
// (its issuedAt and lease change every millisecond), as a real device's request needs.
// The service runs as a production instance does: validations answered by validation workers, one per core but
// one (BENCH_VALIDATION_WORKERS=0 measures them answered in the service's own thread, as development runs them).
// Everything runs in this process on loopback; autocannon runs in a worker thread. Each saturated round also prints
// the CPU it cost per request, the whole process's (autocannon's share included) and the HTTP thread's (Linux), and
// the medians follow the throughput figures (bench/cpu-per-request.ts). A benchmark prints figures and
// exits 0 whether or not the targets are met; 1 only if requests failed. The last line is one JSON object:
// {"bareRps":…,"signedBareRps":…,"validationRps":…,"ratioToSigned":…,"p99MsAt1000":…,"signedBareP99MsAt1000":…}

const CONNECTIONS = 100;
const SECONDS = positiveNumber('BENCH_SECONDS', 6);
const FIXED_SECONDS = positiveNumber('BENCH_FIXED_SECONDS', 5);
const WARMUP_SECONDS = positiveNumber('BENCH_WARMUP_SECONDS', 5);
/** Rounds of the two compared routes, taken in turn; each figure is the median of its rounds. */
const ROUNDS = positiveNumber('BENCH_ROUNDS', 5);
if (!Number.isInteger(ROUNDS)) throw new Error(`BENCH_ROUNDS: expected a whole number of rounds, got ${ROUNDS}`);
const OFFERED_RPS = 1000;
const TARGET_RATIO = 0.8;
const TARGET_P99_FACTOR = 1.5;
const DEVICE = 'b'.repeat(64);

function positiveNumber(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name}: expected a positive number, got ${raw}`);
  return value;
}

/** The floor: HTTP alone, and HTTP + JSON body + one Ed25519 signature of a license-sized payload. */
async function startFloor(key: SigningKey, payloadBytes: number): Promise<{ app: FastifyInstance; url: string }> {
  const app = Fastify({ logger: false });
  app.get('/bare', async () => ({ ok: true }));
  app.post('/signed', async (request) => {
    const body = request.body as { licenseNumber?: unknown };
    if (typeof body?.licenseNumber !== 'string') throw new Error('no license number');
    const now = new Date().toISOString();
    // As long as the real payload, and different every time (the instant), so nothing could be reused.
    const head = `{"issuedAt":"${now}","licenseNumber":"${body.licenseNumber}","pad":"`;
    const payload = `${head}${'x'.repeat(Math.max(0, payloadBytes - head.length - 2))}"}`;
    return { license: { payload, signature: await signCanonicalAsync(key, payload), keyId: key.keyId }, serverTime: now };
  });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  return { app, url };
}

async function startService(dir: string): Promise<LicenseServer> {
  const config = loadServerConfig(
    {},
    {
      port: 0,
      host: '127.0.0.1',
      dbPath: path.join(dir, 'service.sqlite'),
      keyPath: path.join(dir, 'keys/signing.pem'),
      publishPublicKeyTo: null,
      releasesPath: path.join(dir, 'releases'),
      outboxPath: path.join(dir, 'outbox'),
      // The limits are per client address and per license, and every autocannon request is one of each.
      rateLimitPerMinute: 1_000_000_000,
      // As a production instance runs (every core but one), unless BENCH_VALIDATION_WORKERS says otherwise.
      validationWorkers: process.env.BENCH_VALIDATION_WORKERS
        ? Number(process.env.BENCH_VALIDATION_WORKERS)
        : defaultValidationWorkers('production'),
    },
  );
  return startLicenseServer(config, { logger: false });
}

type Target = { url: string; method?: 'GET' | 'POST'; headers?: Record<string, string>; body?: string };
type Run = { rps: number; p50Ms: number; p99Ms: number; requests: number; non2xx: number; errors: number; timeouts: number };

async function cannon(target: Target, seconds: number, offeredRps?: number): Promise<Run> {
  // overallRate: autocannon's fixed offered load across all connections.
  const options: Parameters<typeof autocannon>[0] & { overallRate?: number } = {
    ...target,
    connections: offeredRps ? 20 : CONNECTIONS,
    duration: seconds,
    workers: 1,
    ...(offeredRps ? { overallRate: offeredRps } : {}),
  };
  const result = await autocannon(options);
  return {
    rps: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
  };
}

const show = (run: Run) =>
  `${run.rps.toFixed(0)} req/s, p50 ${run.p50Ms} ms, p99 ${run.p99Ms} ms, ${run.requests} requests, ` +
  `non-2xx ${run.non2xx}, errors ${run.errors}, timeouts ${run.timeouts}`;

async function warmUp(label: string, target: Target): Promise<void> {
  process.stdout.write(`${label}: ${WARMUP_SECONDS} s warm-up with ${CONNECTIONS} connections\n`);
  await cannon(target, WARMUP_SECONDS);
}

async function saturate(label: string, target: Target): Promise<Run & { cpu: CpuPerRequest }> {
  const run = await measureCpu(() => cannon(target, SECONDS));
  process.stdout.write(`  ${label.padEnd(34)} ${show(run)}, ${showCpu(run.cpu)}\n`);
  return run;
}

/** The median of the rounds' CPU per request (each figure on its own), for both compared routes. */
function medianCpu(runs: { cpu: CpuPerRequest }[]): CpuPerRequest {
  const threads = runs.map((run) => run.cpu.httpThreadUs);
  return {
    processUs: lowerMiddle(runs.map((run) => run.cpu.processUs)),
    httpThreadUs: threads.every((us) => us !== null) ? lowerMiddle(threads as number[]) : null,
  };
}

/** The middle of the values once sorted by `by` (the lower middle for an even count). */
function lowerMiddle<T>(values: T[], by: (value: T) => number = Number): T {
  return [...values].sort((a, b) => by(a) - by(b))[Math.floor((values.length - 1) / 2)]!;
}

/** The run whose throughput is the median of the rounds (the middle one; the lower middle for an even count). */
function median(runs: Run[]): Run {
  return lowerMiddle(runs, (run) => run.rps);
}

async function atFixedLoad(label: string, target: Target): Promise<Run> {
  const run = await cannon(target, FIXED_SECONDS, OFFERED_RPS);
  process.stdout.write(`  ${label.padEnd(34)} ${show(run)}\n`);
  return run;
}

async function main(): Promise<number> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'license-bench-'));
  let floor: Awaited<ReturnType<typeof startFloor>> | null = null;
  let service: LicenseServer | null = null;
  try {
    service = await startService(dir);
    const ctx = service.ctx;
    const today = jstDateOf(new Date().toISOString());
    // One license bound to one device, validated over and over as the desktop app would; inside its renewal
    // window, so quotes and the renewal page have something to price.
    const { license, registration } = await issueLicense(ctx, {
      product: 'sakura-kaikei',
      edition: 'download',
      start: addDays(today, -300),
      end: addDays(today, 40),
    });
    if (registration) throw new Error('a download license has no registration');
    await ctx.licenses.bindDevice(license.id, DEVICE, '1.0.0', new Date().toISOString());
    const json = { 'content-type': 'application/json' };
    const body = JSON.stringify({ licenseNumber: license.number, product: license.product, device: DEVICE, appVersion: '1.0.0' });
    const check = await fetch(`${service.url}/v1/validations`, { method: 'POST', headers: json, body });
    if (check.status !== 200) throw new Error(`the seeded validation answered ${check.status}: ${await check.text()}`);
    const payloadBytes = ((await check.json()) as { license: { payload: string } }).license.payload.length;
    floor = await startFloor(ctx.key, payloadBytes);

    // Quotes for a second license (a placed order blocks the first one's next quote, by the unpaid rule), and an
    // order of the first to replay (same Idempotency-Key: the retry path) and to poll.
    const quoted = await issueLicense(ctx, {
      product: 'sakura-kaikei',
      edition: 'download',
      start: addDays(today, -300),
      end: addDays(today, 40),
    });
    const QUOTE_DEVICE = 'c'.repeat(64);
    await ctx.licenses.bindDevice(quoted.license.id, QUOTE_DEVICE, '1.0.0', new Date().toISOString());
    const benchQuoteBody = JSON.stringify({
      licenseNumber: quoted.license.number,
      device: QUOTE_DEVICE,
      months: 12,
      options: ['bank-import', 'e-filing'],
    });
    const quoteBody = JSON.stringify({
      licenseNumber: license.number,
      device: DEVICE,
      months: 12,
      options: ['bank-import', 'e-filing'],
    });
    const quote = (await (
      await fetch(`${service.url}/v1/quotes`, { method: 'POST', headers: json, body: quoteBody })
    ).json()) as {
      quote: { id: string };
    };
    const orderBody = JSON.stringify({
      licenseNumber: license.number,
      device: DEVICE,
      quoteId: quote.quote.id,
      method: 'bank-transfer',
    });
    const orderHeaders = { ...json, 'idempotency-key': crypto.randomUUID() };
    const order = (await (
      await fetch(`${service.url}/v1/orders`, { method: 'POST', headers: orderHeaders, body: orderBody })
    ).json()) as {
      order: { id: string };
    };

    process.stdout.write(
      `license service benchmark on loopback (Node ${process.version}, ${os.cpus().length} CPUs, logger off, rate limits off, ` +
        `signed payload ${payloadBytes} bytes)\n`,
    );
    const bareTarget: Target = { url: `${floor.url}/bare` };
    const signedTarget: Target = { url: `${floor.url}/signed`, method: 'POST', headers: json, body };
    const validationTarget: Target = { url: `${service.url}/v1/validations`, method: 'POST', headers: json, body };
    // The validation worker is a JavaScript engine of its own, which compiles its hot code only under load.
    await warmUp('bare Fastify GET /bare', bareTarget);
    await warmUp('signed bare POST /signed (parse + Ed25519)', signedTarget);
    await warmUp('POST /v1/validations', validationTarget);
    process.stdout.write(`saturation, ${SECONDS} s each, ${CONNECTIONS} connections:\n`);
    const bareRun = await saturate('bare GET /bare', bareTarget);
    const signedRuns: (Run & { cpu: CpuPerRequest })[] = [];
    const validationRuns: (Run & { cpu: CpuPerRequest })[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      signedRuns.push(await saturate(`signed bare POST /signed (${round}/${ROUNDS})`, signedTarget));
      validationRuns.push(await saturate(`POST /v1/validations (${round}/${ROUNDS})`, validationTarget));
    }
    const signedRun = median(signedRuns);
    const validationRun = median(validationRuns);

    process.stdout.write(`p99 at a fixed offered load of ${OFFERED_RPS} req/s, ${FIXED_SECONDS} s each:\n`);
    const fixed = {
      bare: await atFixedLoad('bare GET /bare', bareTarget),
      signed: await atFixedLoad('signed bare POST /signed', signedTarget),
      validations: await atFixedLoad('POST /v1/validations', validationTarget),
      activations: await atFixedLoad('POST /v1/activations', { ...validationTarget, url: `${service.url}/v1/activations` }),
      health: await atFixedLoad('GET /v1/health', { url: `${service.url}/v1/health` }),
      quotes: await atFixedLoad('POST /v1/quotes', {
        url: `${service.url}/v1/quotes`,
        method: 'POST',
        headers: json,
        body: benchQuoteBody,
      }),
      orderReplay: await atFixedLoad('POST /v1/orders (same key: replay)', {
        url: `${service.url}/v1/orders`,
        method: 'POST',
        headers: orderHeaders,
        body: orderBody,
      }),
      orderStatus: await atFixedLoad('GET /v1/orders/:id', {
        url: `${service.url}/v1/orders/${order.order.id}?licenseNumber=${license.number}&device=${DEVICE}`,
      }),
    };

    const ratio = validationRun.rps / signedRun.rps;
    const p99Limit = fixed.signed.p99Ms * TARGET_P99_FACTOR;
    process.stdout.write(`bare route:        ${bareRun.rps.toFixed(0)} req/s\n`);
    process.stdout.write(`signed bare route: ${signedRun.rps.toFixed(0)} req/s (median of ${ROUNDS})\n`);
    process.stdout.write(`validations:       ${validationRun.rps.toFixed(0)} req/s (median of ${ROUNDS})\n`);
    const perRound = validationRuns.map((run, i) => (run.rps / signedRuns[i]!.rps).toFixed(2));
    process.stdout.write(`validations / signed bare, round by round: ${perRound.join(', ')}\n`);
    process.stdout.write(`signed bare route, median ${showCpu(medianCpu(signedRuns))}\n`);
    process.stdout.write(`validations,       median ${showCpu(medianCpu(validationRuns))}\n`);
    process.stdout.write(
      `validations / signed bare: ${(ratio * 100).toFixed(1)} % (target ≥ ${TARGET_RATIO * 100} %: ${ratio >= TARGET_RATIO ? 'met' : 'NOT met'})\n`,
    );
    process.stdout.write(
      `validation p99 at ${OFFERED_RPS} req/s: ${fixed.validations.p99Ms} ms vs signed bare ${fixed.signed.p99Ms} ms ` +
        `(target ≤ ${TARGET_P99_FACTOR} ×, ${p99Limit} ms: ${fixed.validations.p99Ms <= p99Limit ? 'met' : 'NOT met'})\n`,
    );
    const runs = [bareRun, ...signedRuns, ...validationRuns, ...Object.values(fixed)];
    const failed = runs.reduce((sum, run) => sum + run.non2xx + run.errors + run.timeouts, 0);
    process.stdout.write(`failed requests in all runs (non-2xx, errors, timeouts): ${failed}\n`);
    process.stdout.write(
      `${JSON.stringify({
        bareRps: Math.round(bareRun.rps),
        signedBareRps: Math.round(signedRun.rps),
        validationRps: Math.round(validationRun.rps),
        ratioToSigned: Math.round(ratio * 1000) / 1000,
        p99MsAt1000: fixed.validations.p99Ms,
        signedBareP99MsAt1000: fixed.signed.p99Ms,
      })}\n`,
    );
    return failed > 0 ? 1 : 0;
  } finally {
    await floor?.app.close();
    await service?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`benchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  },
);
