// `npm run start:browser`: the same app in a browser, for machines where Electron cannot run (CI, this build
// machine). Starts the local license service if none answers, then the browser host, and prints the URL to open.
// `npm run start:browser -- --product menzei-terminal` runs the app as another product of the catalog.
import { spawn } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..');
const serviceUrl = process.env.LICENSE_SERVICE_URL ?? 'http://127.0.0.1:8787';

async function answers(url: string): Promise<boolean> {
  try {
    return (await fetch(`${url}/v1/health`, { signal: AbortSignal.timeout(1500) })).ok;
  } catch {
    return false;
  }
}

async function main(): Promise<void> {
  const tsx = path.join(ROOT, 'node_modules/tsx/dist/cli.mjs');
  const children: ReturnType<typeof spawn>[] = [];
  if (!(await answers(serviceUrl))) {
    children.push(
      spawn(process.execPath, [tsx, 'src-server/cli/serve.ts'], {
        cwd: ROOT,
        stdio: 'inherit',
        env: { ...process.env, LICENSE_SERVICE_PORT: new URL(serviceUrl).port || '8787' },
      }),
    );
    for (let i = 0; i < 50 && !(await answers(serviceUrl)); i++) await new Promise((r) => setTimeout(r, 200));
  }
  children.push(
    spawn(process.execPath, [tsx, 'src-main/browser-host/cli.ts', ...process.argv.slice(2)], {
      cwd: ROOT,
      stdio: 'inherit',
      env: { ...process.env, LICENSE_SERVICE_URL: serviceUrl },
    }),
  );
  const stop = () => children.forEach((c) => c.kill('SIGTERM'));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  const hostUrl = `http://127.0.0.1:${process.env.BROWSER_HOST_PORT ?? 5180}/`;
  console.log(
    `\nThe app runs at ${hostUrl} (open it in Chromium). Issue a license to activate with:\n  npm run admin -- issue --product sakura-kaikei --edition package --start 2026-04-01 --end 2027-03-31\n`,
  );
}

void main();
