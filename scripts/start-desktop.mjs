// `npm start`: the desktop app, talking to the local license service (started here unless one already answers
// at LICENSE_SERVICE_URL or the default http://127.0.0.1:8787).
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const serviceUrl = process.env.LICENSE_SERVICE_URL ?? 'http://127.0.0.1:8787';

function step(args) {
  const result = spawnSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', args, { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

async function serviceAnswers() {
  try {
    const response = await fetch(`${serviceUrl}/v1/health`, { signal: AbortSignal.timeout(1500) });
    return response.ok;
  } catch {
    return false;
  }
}

// Resolving 'electron' downloads its binary on first use (Electron >= 45 installs lazily).
const electronBinary = require('electron');
step(['run', 'build:native', '--silent']);
step(['run', 'build', '--silent']);

let service = null;
if (!(await serviceAnswers())) {
  console.log(`starting the local license service at ${serviceUrl}`);
  service = spawn(process.execPath, [path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), 'src-server/cli/serve.ts'], {
    cwd: ROOT,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, LICENSE_SERVICE_PORT: new URL(serviceUrl).port || '8787' },
  });
  for (let i = 0; i < 50 && !(await serviceAnswers()); i++) await new Promise((r) => setTimeout(r, 200));
}

const app = spawn(electronBinary, ['.'], {
  cwd: ROOT,
  stdio: 'inherit',
  env: { ...process.env, LICENSE_SERVICE_URL: serviceUrl },
});
app.on('exit', (code) => {
  service?.kill('SIGTERM');
  process.exit(code ?? 0);
});
