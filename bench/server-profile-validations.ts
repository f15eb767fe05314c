import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { loadServerConfig } from '../src-server/config';
import { issueLicense } from '../src-server/licenses/license-issuer';
import { startLicenseServer } from '../src-server/server';

// `node --cpu-prof --import tsx bench/server-profile-validations.ts`: saturates POST /v1/validations for a few
// seconds so a CPU profile shows where a validation's time goes (open the .cpuprofile in Chrome DevTools).
async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'license-profile-'));
  const service = await startLicenseServer(
    loadServerConfig(
      {},
      {
        port: 0,
        dbPath: path.join(dir, 'service.sqlite'),
        keyPath: path.join(dir, 'keys/signing.pem'),
        publishPublicKeyTo: null,
        releasesPath: path.join(dir, 'releases'),
        outboxPath: path.join(dir, 'outbox'),
        rateLimitPerMinute: 1_000_000_000,
      },
    ),
    { logger: false },
  );
  try {
    const device = 'b'.repeat(64);
    const { license } = await issueLicense(service.ctx, { product: 'sakura-kaikei', edition: 'download' });
    await service.ctx.licenses.bindDevice(license.id, device, '1.0.0', new Date().toISOString());
    const body = JSON.stringify({ licenseNumber: license.number, product: license.product, device, appVersion: '1.0.0' });
    const result = await autocannon({
      url: `${service.url}/v1/validations`,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
      connections: 50,
      duration: Number(process.env.BENCH_SECONDS ?? 5),
      workers: 1,
    });
    process.stdout.write(`${result.requests.average.toFixed(0)} req/s, p99 ${result.latency.p99} ms, non-2xx ${result.non2xx}\n`);
  } finally {
    await service.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

void main();
