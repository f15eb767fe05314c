import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

// `npm start` on a machine without the Electron binary: one line naming the cause and the browser mode.
type Located = { binary?: string; problem?: string };
type StartScript = {
  locateElectron(options: { electronDir: string; env: Record<string, string>; note?: (text: string) => () => void }): Located;
  parseStartArgs(args: string[]): { product?: string | null; electronArgs?: string[]; problem?: string };
  electronEnv(input: { baseEnv: Record<string, string>; serviceUrl: string; product: string | null }): Record<string, string>;
};
const SCRIPT = path.resolve('scripts/start-desktop.mjs');
const script = (await import(pathToFileURL(SCRIPT).href)) as StartScript;

let electronDir: string;
beforeEach(() => {
  electronDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fake-electron-'));
  fs.writeFileSync(path.join(electronDir, 'package.json'), '{"name":"electron","version":"45.0.0"}');
});
afterEach(() => fs.rmSync(electronDir, { recursive: true, force: true }));

/** A fake node_modules/electron/install.js: what Electron's lazy download does, failing or not. */
function fakeInstaller(body: string): void {
  fs.writeFileSync(path.join(electronDir, 'install.js'), body);
}

function expectOneLine(problem: string | undefined, cause: RegExp): void {
  expect(problem).toBeDefined();
  expect(problem!.split('\n')).toHaveLength(1);
  expect(problem).toMatch(cause);
  expect(problem).toContain('npm run start:browser');
}

describe('npm start without the Electron binary', () => {
  it('names ELECTRON_SKIP_BINARY_DOWNLOAD when set, without trying to download', () => {
    fakeInstaller('require("fs").writeFileSync(__dirname + "/tried", "")');
    const result = script.locateElectron({ electronDir, env: { ELECTRON_SKIP_BINARY_DOWNLOAD: '1' } });
    expectOneLine(result.problem, /ELECTRON_SKIP_BINARY_DOWNLOAD/);
    expect(fs.existsSync(path.join(electronDir, 'tried'))).toBe(false);
  });

  it('turns a failed download into one line with its cause, not a stack trace', () => {
    fakeInstaller(
      'console.log("Downloading Electron binary..."); console.error("TypeError: fetch failed\\n    at node:internal/deps/undici/undici:14976:13\\n    at async downloadArtifact (x.js:1:1)"); process.exit(1);',
    );
    // The "downloading…" note is erased before the problem is printed, so the terminal keeps one line.
    const notes: string[] = [];
    const note = (text: string) => (notes.push(text), () => void notes.push('erased'));
    const result = script.locateElectron({ electronDir, env: {}, note });
    expectOneLine(result.problem, /could not be downloaded \(TypeError: fetch failed\)/);
    expect(result.problem).not.toContain(' at ');
    expect(notes).toEqual([expect.stringContaining('downloading'), 'erased']);
  });

  it('uses the binary once present, downloading it first when needed', () => {
    fakeInstaller(
      'const fs = require("fs"); fs.mkdirSync(__dirname + "/dist"); fs.writeFileSync(__dirname + "/dist/electron", ""); fs.writeFileSync(__dirname + "/path.txt", "electron");',
    );
    const result = script.locateElectron({ electronDir, env: {}, note: () => () => {} });
    expect(result).toEqual({ binary: path.join(electronDir, 'dist', 'electron') });
    fs.rmSync(path.join(electronDir, 'install.js'));
    expect(script.locateElectron({ electronDir, env: {} })).toEqual({ binary: path.join(electronDir, 'dist', 'electron') });
  });

  it('says when Electron is not installed at all', () => {
    fs.rmSync(path.join(electronDir, 'package.json'));
    expectOneLine(script.locateElectron({ electronDir, env: {} }).problem, /Electron is not installed/);
  });

  it('the script itself prints exactly that one line on stderr and exits 1', () => {
    // An override dist folder with nothing in it stands for a missing binary, whatever this machine has installed.
    const result = spawnSync(process.execPath, [SCRIPT], {
      encoding: 'utf8',
      env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: electronDir, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' },
    });
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/^npm start: the Electron binary is not installed .*npm run start:browser/);
  });
});

describe('npm start -- --product', () => {
  it('takes the product code in both spellings and passes other arguments on to Electron', () => {
    expect(script.parseStartArgs(['--product', 'menzei'])).toEqual({ product: 'menzei', electronArgs: [] });
    expect(script.parseStartArgs(['--product=model-studio', '--inspect'])).toEqual({
      product: 'model-studio',
      electronArgs: ['--inspect'],
    });
    expect(script.parseStartArgs([])).toEqual({ product: null, electronArgs: [] });
  });

  it('sets APP_PRODUCT for the Electron process only when a product was asked for', () => {
    const serviceUrl = 'http://127.0.0.1:8787';
    expect(script.electronEnv({ baseEnv: { PATH: '/bin' }, serviceUrl, product: 'menzei' })).toEqual({
      PATH: '/bin',
      LICENSE_SERVICE_URL: serviceUrl,
      APP_PRODUCT: 'menzei',
    });
    expect(script.electronEnv({ baseEnv: {}, serviceUrl, product: null })).not.toHaveProperty('APP_PRODUCT');
  });

  it('refuses a missing or odd product code', () => {
    expect(script.parseStartArgs(['--product']).problem).toMatch(/--product needs a product code/);
    expect(script.parseStartArgs(['--product', '../x']).problem).toMatch(/--product needs a product code/);
  });
});
