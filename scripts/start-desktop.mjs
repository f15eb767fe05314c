// `npm start`: the desktop app, talking to the local license service (started here unless one already answers
// at LICENSE_SERVICE_URL or the default http://127.0.0.1:8787).
//
//   npm start                         the app as the product in resources/app.json
//   npm start -- --product <code>     the app as another catalog product (menzei, model-studio, …); development
//                                     only: it sets APP_PRODUCT, which a packaged build ignores
//
// Without the Electron binary (installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1, or no access to its download host)
// this prints one line saying so and pointing at `npm run start:browser`, instead of Electron's stack trace.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BROWSER_HINT = 'run "npm run start:browser" to use the app in a browser instead.';

function installedBinary(electronDir, env) {
  const pathFile = path.join(electronDir, 'path.txt');
  const executable = fs.existsSync(pathFile) ? fs.readFileSync(pathFile, 'utf8').trim() : null;
  // Same lookup as node_modules/electron/index.js, which we cannot call: it downloads and throws on failure.
  if (env.ELECTRON_OVERRIDE_DIST_PATH) {
    const file = path.join(env.ELECTRON_OVERRIDE_DIST_PATH, executable || 'electron');
    return fs.existsSync(file) ? file : null;
  }
  if (!executable) return null;
  const file = path.join(electronDir, 'dist', executable);
  return fs.existsSync(file) ? file : null;
}

/** A failed download prints its error's stack on stderr: its first line is the cause, e.g. "TypeError: fetch failed". */
function firstLine(text) {
  return (text ?? '')
    .split(/\r?\n/)
    .find((line) => line.trim() !== '')
    ?.trim();
}

/**
 * A progress note on an interactive terminal, erased again when done: whatever happens next is the one line shown.
 * Returns the function that erases it.
 */
function terminalNote(text) {
  if (!process.stdout.isTTY) return () => {};
  process.stdout.write(text);
  return () => process.stdout.write('\r\x1b[K');
}

/**
 * Where the Electron executable is, fetching it first if it is missing (Electron >= 45 downloads lazily, on first
 * use, and its own loader prints a stack trace when that fails). Returns `{ binary }` or `{ problem }`, the one
 * line to print.
 */
export function locateElectron({
  electronDir = path.join(ROOT, 'node_modules', 'electron'),
  env = process.env,
  note = terminalNote,
} = {}) {
  if (!fs.existsSync(path.join(electronDir, 'package.json'))) {
    return { problem: `npm start: Electron is not installed (no ${electronDir}); run "npm install", or ${BROWSER_HINT}` };
  }
  let binary = installedBinary(electronDir, env);
  if (binary) return { binary };
  if (env.ELECTRON_SKIP_BINARY_DOWNLOAD && env.ELECTRON_SKIP_BINARY_DOWNLOAD !== '0') {
    return {
      problem: `npm start: the Electron binary is not installed (ELECTRON_SKIP_BINARY_DOWNLOAD is set, so it is not downloaded); ${BROWSER_HINT}`,
    };
  }
  const erase = note('npm start: downloading the Electron binary (first start)…');
  const result = spawnSync(process.execPath, [path.join(electronDir, 'install.js')], { env, encoding: 'utf8' });
  erase();
  binary = installedBinary(electronDir, env);
  if (result.status === 0 && binary) return { binary };
  const cause = result.error?.message ?? firstLine(result.stderr) ?? firstLine(result.stdout) ?? `exit code ${result.status}`;
  return {
    problem: `npm start: the Electron binary is missing and could not be downloaded (${cause}); ${BROWSER_HINT}`,
  };
}

/** `--product <code>` / `--product=<code>` become APP_PRODUCT; anything else is passed on to Electron. */
export function parseStartArgs(args) {
  const rest = [];
  let product = null;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--product') product = args[++i] ?? '';
    else if (arg.startsWith('--product=')) product = arg.slice('--product='.length);
    else rest.push(arg);
  }
  if (product !== null && !/^[A-Za-z0-9][A-Za-z0-9_-]*$/.test(product)) {
    return { problem: `npm start: --product needs a product code from the catalog, e.g. --product menzei (got "${product}")` };
  }
  return { product, electronArgs: rest };
}

/** The Electron process's environment: the service it talks to and, in development, the product it plays. */
export function electronEnv({ baseEnv, serviceUrl, product }) {
  const env = { ...baseEnv, LICENSE_SERVICE_URL: serviceUrl };
  if (product) env.APP_PRODUCT = product;
  return env;
}

function step(args) {
  const result = spawnSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', args, { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

async function serviceAnswers(serviceUrl) {
  try {
    const response = await fetch(`${serviceUrl}/v1/health`, { signal: AbortSignal.timeout(1500) });
    return response.ok;
  } catch {
    return false;
  }
}

async function main() {
  const args = parseStartArgs(process.argv.slice(2));
  const electron = args.problem ? args : locateElectron();
  if (electron.problem) {
    console.error(electron.problem);
    process.exit(1);
  }
  const serviceUrl = process.env.LICENSE_SERVICE_URL ?? 'http://127.0.0.1:8787';
  step(['run', 'build:native', '--silent']);
  step(['run', 'build', '--silent']);

  let service = null;
  if (!(await serviceAnswers(serviceUrl))) {
    console.log(`starting the local license service at ${serviceUrl}`);
    service = spawn(process.execPath, [path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), 'src-server/cli/serve.ts'], {
      cwd: ROOT,
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, LICENSE_SERVICE_PORT: new URL(serviceUrl).port || '8787' },
    });
    for (let i = 0; i < 50 && !(await serviceAnswers(serviceUrl)); i++) await new Promise((r) => setTimeout(r, 200));
  }

  const env = electronEnv({ baseEnv: process.env, serviceUrl, product: args.product });
  const app = spawn(electron.binary, ['.', ...args.electronArgs], { cwd: ROOT, stdio: 'inherit', env });
  app.on('exit', (code) => {
    service?.kill('SIGTERM');
    process.exit(code ?? 0);
  });
}

// Imported by its test for the functions above; runs only as the script (compared as real paths: npm may start it
// through a symlinked or differently-cased path).
function invokedDirectly() {
  try {
    return fs.realpathSync(process.argv[1]) === fs.realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}
if (invokedDirectly()) await main();
