import { type ChildProcess, execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { loadServerConfig, type ServerConfig } from '../../../src-server/config';

export const ROOT = path.resolve(__dirname, '../../..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');
const run = promisify(execFile);

/** A directory for one service database, key, outbox and releases, shared by every process of a test. */
export function serviceDir(prefix = 'license-service-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** The environment a service process or the admin CLI reads to work on the files in `dir`. */
export function serviceEnv(dir: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    LICENSE_SERVICE_PORT: '0',
    LICENSE_SERVICE_DB: path.join(dir, 'service.sqlite'),
    // SQLite unless a test passes a PostgreSQL URL (never one from the caller's own environment).
    LICENSE_SERVICE_DATABASE_URL: '',
    LICENSE_SERVICE_KEY: path.join(dir, 'keys/signing.pem'),
    LICENSE_SERVICE_PUBLISH_PUBLIC_KEY: '',
    LICENSE_SERVICE_RELEASES: path.join(dir, 'releases'),
    LICENSE_SERVICE_OUTBOX: path.join(dir, 'outbox'),
    LICENSE_SERVICE_RATE_LIMIT: '1000000',
    LICENSE_SERVICE_LOG: '0',
    ...extra,
  };
}

/** The same settings as a config object, for a test that opens the database in its own process too. */
export function serviceConfig(dir: string, extra: Record<string, string> = {}): ServerConfig {
  return loadServerConfig(serviceEnv(dir, extra) as Record<string, string>, { publishPublicKeyTo: null });
}

export type ServiceProcess = { url: string; child: ChildProcess; stop: () => Promise<void>; kill: () => Promise<void> };

let bundled: Promise<string> | null = null;

/**
 * `src-server/cli/serve.ts` bundled once per test process with esbuild (packages stay in node_modules): a service
 * process then starts in a fraction of a second instead of seconds through tsx, which matters for tests that kill
 * and restart it many times. One folder below the root, so the service finds resources/ as it does from source.
 */
function serviceEntry(): Promise<string> {
  bundled ??= (async () => {
    const outfile = path.join(ROOT, '.test-bundles', `serve-${process.pid}.cjs`);
    await build({
      entryPoints: [path.join(ROOT, 'src-server/cli/serve.ts')],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      packages: 'external',
      outfile,
      logLevel: 'silent',
    });
    process.once('exit', () => fs.rmSync(outfile, { force: true }));
    return outfile;
  })();
  return bundled;
}

/** `npm run server` as its own process; resolves once it listens (its first stdout line says where). */
export async function startServiceProcess(dir: string, extra: Record<string, string> = {}): Promise<ServiceProcess> {
  // Node itself runs the service, not a launcher: a kill -9 must hit the process that serves, not a wrapper that
  // would leave it running.
  const child = spawn(process.execPath, [await serviceEntry()], {
    cwd: ROOT,
    env: serviceEnv(dir, extra),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    const lines = readline.createInterface({ input: child.stdout! });
    lines.once('line', (line) => {
      try {
        resolve((JSON.parse(line) as { listening: string }).listening);
      } catch {
        reject(new Error(`service process said: ${line}`));
      }
    });
    child.once('exit', (code) => reject(new Error(`service process exited (${code}): ${stderr}`)));
  });
  const signal = async (name: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(name);
    await exited;
  };
  return { url, child, stop: () => signal('SIGTERM'), kill: () => signal('SIGKILL') };
}

/** `npm run admin -- …` against the database in `dir`. */
export async function adminCli(
  dir: string,
  args: string[],
  extra: Record<string, string> = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(TSX, ['src-server/cli/admin.ts', ...args], { cwd: ROOT, env: serviceEnv(dir, extra) });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}
