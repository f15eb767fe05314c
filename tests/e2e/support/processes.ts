import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// Starts the real license service and the real browser host as child processes, exactly as a developer would
// run them, each on a free port with its own fresh SQLite file.
export const ROOT = path.resolve(__dirname, '../../..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');

export type Running = { url: string; stop: () => Promise<void> };

function startProcess(script: string, env: Record<string, string>): Promise<Running & { child: ChildProcess }> {
  const child = spawn(TSX, [script], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  return new Promise((resolve, reject) => {
    let stdout = '';
    const onData = (chunk: Buffer) => {
      stdout += chunk.toString();
      const line = stdout.split('\n')[0];
      if (stdout.includes('\n') && line) {
        child.stdout!.off('data', onData);
        child.stdout!.resume();
        resolve({ url: (JSON.parse(line) as { listening: string }).listening.replace(/\/$/, ''), stop, child });
      }
    };
    child.stdout!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}: ${stderr}`)));
  });
}

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `${prefix}-`));
}

/** The license service. By default it signs with the development key whose public half is in resources/. */
export function startLicenseService(options: {
  dbPath: string;
  keyPath?: string;
  publishPublicKey?: boolean;
  /** Demo mode: the admin CLI may move the service's clock (and the app follows it). */
  demo?: boolean;
  port?: number;
  /** The update feed's folder (latest.yml and the files it names); the service's default otherwise. */
  releasesPath?: string;
}): Promise<Running> {
  const env: Record<string, string> = {
    LICENSE_SERVICE_PORT: String(options.port ?? 0),
    LICENSE_SERVICE_DB: options.dbPath,
    LICENSE_SERVICE_LOG: '0',
  };
  if (options.demo) env.LICENSE_SERVICE_DEMO = '1';
  if (options.keyPath) env.LICENSE_SERVICE_KEY = options.keyPath;
  if (options.releasesPath) env.LICENSE_SERVICE_RELEASES = options.releasesPath;
  if (options.publishPublicKey === false) env.LICENSE_SERVICE_PUBLISH_PUBLIC_KEY = '';
  return startProcess('src-server/cli/serve.ts', env);
}

export function startBrowserHost(options: {
  serviceUrl: string;
  dbPath: string;
  machineId?: string;
  product?: string;
  /** How often the app validates in the background (the product's default is hours). */
  checkIntervalMs?: number;
  /** Caps the browser host's update download rate, so its progress can be watched. */
  updateBytesPerSecond?: number;
}): Promise<Running> {
  return startProcess('src-main/browser-host/cli.ts', {
    BROWSER_HOST_PORT: '0',
    LICENSE_SERVICE_URL: options.serviceUrl,
    APP_DB_PATH: options.dbPath,
    APP_MACHINE_ID: options.machineId ?? 'e2e-machine-1',
    APP_PRODUCT: options.product ?? '',
    APP_CHECK_INTERVAL_MS: String(options.checkIntervalMs ?? 3_600_000),
    APP_UPDATE_BYTES_PER_SECOND: options.updateBytesPerSecond ? String(options.updateBytesPerSecond) : '',
  });
}

/** Runs the vendor's admin CLI against the service's database; returns its output. */
export function admin(dbPath: string, args: string[], env: Record<string, string> = {}): string {
  return execFileSync(TSX, ['src-server/cli/admin.ts', ...args, '--db', dbPath], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });
}

/** Issues a license with the vendor's admin CLI against the service's database; returns its number. */
export function issueLicense(dbPath: string, args: { product: string; edition: string; start: string; end: string }): string {
  const output = execFileSync(
    TSX,
    [
      'src-server/cli/admin.ts',
      'issue',
      '--db',
      dbPath,
      '--product',
      args.product,
      '--edition',
      args.edition,
      '--start',
      args.start,
      '--end',
      args.end,
      '--json',
    ],
    { cwd: ROOT, encoding: 'utf8' },
  );
  return (JSON.parse(output) as { license: { number: string } }).license.number;
}

/** Issues a package license and returns its number with the booklet's 製品登録番号 and インストールキー. */
export function issuePackage(
  dbPath: string,
  args: { product?: string; start: string; end: string; email?: string; extra?: readonly string[] },
): { number: string; registrationNumber: string; installKey: string } {
  const output = admin(dbPath, [
    'issue',
    '--product',
    args.product ?? 'sakura-kaikei',
    '--edition',
    'package',
    '--start',
    args.start,
    '--end',
    args.end,
    '--json',
    ...(args.email ? ['--email', args.email] : []),
    ...(args.extra ?? []),
  ]);
  const issued = JSON.parse(output) as {
    license: { number: string };
    registration: { registrationNumber: string; installKey: string };
  };
  return { number: issued.license.number, ...issued.registration };
}

/** What the service's database holds about a license, through the admin CLI. */
export function showLicense(dbPath: string, number: string): { license: { termEnd: string }; orders: { state: string }[] } {
  const output = execFileSync(TSX, ['src-server/cli/admin.ts', 'show', '--db', dbPath, '--number', number], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  return JSON.parse(output) as { license: { termEnd: string }; orders: { state: string }[] };
}

/** A JST calendar date `days` from today, for licenses whose state depends on today. */
export function jstDate(days: number): string {
  return new Date(Date.now() + 9 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

export function appProductCode(): string {
  return (JSON.parse(fs.readFileSync(path.join(ROOT, 'resources/app.json'), 'utf8')) as { productCode: string }).productCode;
}
