import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import Fastify, { type FastifyInstance } from 'fastify';
import { loadServerConfig } from '../src-server/config';
import { issueLicense } from '../src-server/licenses/license-issuer';
import { type LicenseServer, startLicenseServer } from '../src-server/server';

// `npm run bench:server` (issue 4, point 10): how much of a bare Fastify route's throughput the license service
// keeps on POST /v1/validations, the request every desktop app makes in the background. Both run in this
// process on loopback; autocannon runs in a worker thread so it does not share the servers' event loop.
// Targets: validation ≥ 40 % of the bare route, p99 ≤ 20 ms. A benchmark prints figures; it is not a test:
// it exits 0 whether or not the targets are met, and 1 only if requests failed (errors, timeouts, non-2xx).
// The last line of output is one JSON object for scripts: {"bareRps":…,"validationRps":…,"ratio":…,"p99Ms":…}.

const CONNECTIONS = 100;
const SECONDS = positiveNumber(process.env.BENCH_SECONDS, 10);
const WARMUP_SECONDS = Math.min(2, SECONDS);
const TARGET_RATIO = 0.4;
const TARGET_P99_MS = 20;
const DEVICE = 'b'.repeat(64);

function positiveNumber(raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`BENCH_SECONDS: expected a positive number of seconds, got ${raw}`);
  return value;
}

async function startBare(): Promise<{ app: FastifyInstance; url: string }> {
  const app = Fastify({ logger: false });
  app.get('/bare', async () => ({ ok: true }));
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
      // The limit is per client address and every autocannon connection comes from 127.0.0.1.
      rateLimitPerMinute: 1_000_000_000,
    },
  );
  return startLicenseServer(config, { logger: false });
}

type Run = { rps: number; p50Ms: number; p99Ms: number; requests: number; non2xx: number; errors: number; timeouts: number };

async function cannon(
  options: { url: string; method?: 'GET' | 'POST'; headers?: Record<string, string>; body?: string },
  seconds: number,
): Promise<Run> {
  const result = await autocannon({ ...options, connections: CONNECTIONS, duration: seconds, workers: 1 });
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

async function measure(label: string, options: Parameters<typeof cannon>[0]): Promise<Run> {
  process.stdout.write(`${label}: ${WARMUP_SECONDS} s warm-up, then ${SECONDS} s with ${CONNECTIONS} connections…\n`);
  await cannon(options, WARMUP_SECONDS);
  const run = await cannon(options, SECONDS);
  process.stdout.write(
    `  ${run.rps.toFixed(0)} req/s average, p50 ${run.p50Ms} ms, p99 ${run.p99Ms} ms, ${run.requests} requests, ` +
      `non-2xx ${run.non2xx}, errors ${run.errors}, timeouts ${run.timeouts}\n`,
  );
  return run;
}

async function main(): Promise<number> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'license-bench-'));
  let bare: Awaited<ReturnType<typeof startBare>> | null = null;
  let service: LicenseServer | null = null;
  try {
    bare = await startBare();
    service = await startService(dir);

    // One license bound to one device, validated over and over as the desktop app would.
    const { license } = issueLicense(service.ctx, { product: 'sakura-kaikei', edition: 'download' });
    service.ctx.licenses.bindDevice(license.id, DEVICE, '1.0.0', new Date().toISOString());
    const body = JSON.stringify({ licenseNumber: license.number, product: license.product, device: DEVICE, appVersion: '1.0.0' });
    const check = await fetch(`${service.url}/v1/validations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    if (check.status !== 200) throw new Error(`the seeded validation answered ${check.status}: ${await check.text()}`);

    process.stdout.write(
      `license service benchmark on loopback (Node ${process.version}, ${os.cpus().length} CPUs, logger off, rate limit off)\n`,
    );
    const bareRun = await measure(`bare Fastify GET ${bare.url}/bare`, { url: `${bare.url}/bare` });
    const validationRun = await measure(`POST ${service.url}/v1/validations`, {
      url: `${service.url}/v1/validations`,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });

    const ratio = validationRun.rps / bareRun.rps;
    const ratioMet = ratio >= TARGET_RATIO;
    const p99Met = validationRun.p99Ms <= TARGET_P99_MS;
    process.stdout.write(`bare route:  ${bareRun.rps.toFixed(0)} req/s\n`);
    process.stdout.write(`validations: ${validationRun.rps.toFixed(0)} req/s, p99 ${validationRun.p99Ms} ms\n`);
    process.stdout.write(
      `ratio validation/bare: ${(ratio * 100).toFixed(1)} % (target ≥ ${TARGET_RATIO * 100} %: ${ratioMet ? 'met' : 'NOT met'})\n`,
    );
    process.stdout.write(
      `p99 of validations: ${validationRun.p99Ms} ms (target ≤ ${TARGET_P99_MS} ms: ${p99Met ? 'met' : 'NOT met'})\n`,
    );
    const failed = [bareRun, validationRun].reduce((sum, run) => sum + run.non2xx + run.errors + run.timeouts, 0);
    process.stdout.write(
      `non-2xx: bare ${bareRun.non2xx}, validations ${validationRun.non2xx}; errors ${bareRun.errors + validationRun.errors}; timeouts ${bareRun.timeouts + validationRun.timeouts}\n`,
    );
    process.stdout.write(
      `${JSON.stringify({
        bareRps: Math.round(bareRun.rps),
        validationRps: Math.round(validationRun.rps),
        ratio: Math.round(ratio * 1000) / 1000,
        p99Ms: validationRun.p99Ms,
      })}\n`,
    );
    return failed > 0 ? 1 : 0;
  } finally {
    await bare?.app.close();
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
