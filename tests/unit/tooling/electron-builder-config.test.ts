import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

// What a release is packaged with (issue 9 §4), read from the files electron-builder reads, so a config edit that
// weakens a fuse, hard-codes an http feed or commits a secret fails here rather than in a shipped build.

const ROOT = path.resolve(__dirname, '../../..');
const text = fs.readFileSync(path.join(ROOT, 'electron-builder.yml'), 'utf8');
const config = parse(text) as Record<string, unknown> & {
  electronFuses: Record<string, boolean>;
  publish: { provider: string; url: string }[];
  extraResources: { from: string; to: string }[];
  beforePack: string;
};
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  author?: { name?: string; email?: string };
  homepage?: string;
};
const gate = createRequire(import.meta.url)(path.join(ROOT, 'scripts/release-gate.cjs')) as {
  default: (context: unknown) => Promise<void>;
  releaseUrlProblems: (input: { env: Record<string, string | undefined>; appJson: unknown }) => string[];
};

describe('electron-builder.yml', () => {
  it('flips every hardening fuse, file:// privileges included', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('packs the app into an asar archive', () => {
    expect(config.asar).toBe(true);
  });

  it('publishes to a generic feed whose URL comes from the release environment, not from the file', () => {
    expect(config.publish).toEqual([{ provider: 'generic', url: '${env.UPDATE_FEED_URL}' }]);
    expect(text).not.toMatch(/http:\/\//);
  });

  it('ships the Electron build of better-sqlite3 where native-binding.ts looks for it', () => {
    expect(config.extraResources).toContainEqual({
      from: 'native/electron/better_sqlite3.node',
      to: 'native/better_sqlite3.node',
    });
    expect(fs.readFileSync(path.join(ROOT, 'src-main/electron/native-binding.ts'), 'utf8')).toContain('better_sqlite3.node');
  });

  it('holds no signing secret: certificates, passwords and keys come from the environment', () => {
    const keys = JSON.stringify(config);
    for (const key of ['cscLink', 'cscKeyPassword', 'certificatePassword', 'certificateFile', 'appleIdPassword', 'password'])
      expect(keys, key).not.toContain(`"${key}"`);
    expect(text).not.toMatch(/-----BEGIN|MII[A-Za-z0-9+/]{20,}|[A-Za-z0-9+/]{40,}={0,2}|\b[a-z]{4}-[a-z]{4}-[a-z]{4}-[a-z]{4}\b/);
  });

  it('runs the release gate before packing', () => {
    expect(config.beforePack).toBe('./scripts/release-gate.cjs');
    expect(typeof gate.default).toBe('function');
  });
});

describe('the release gate (scripts/release-gate.cjs)', () => {
  const https = { defaultServiceUrl: 'https://license.example.jp' };

  it('lets an all-https release through', () => {
    expect(gate.releaseUrlProblems({ env: { UPDATE_FEED_URL: 'https://license.example.jp/updates' }, appJson: https })).toEqual(
      [],
    );
  });

  it.each([
    [undefined, 'UPDATE_FEED_URL is not set'],
    ['', 'UPDATE_FEED_URL is not set'],
    ['http://license.example.jp/updates', 'UPDATE_FEED_URL must be https'],
    ['http://127.0.0.1:8787/updates', 'UPDATE_FEED_URL must be https'],
    ['not a url', 'UPDATE_FEED_URL must be https'],
  ])('refuses the feed %j', (feed, problem) => {
    const problems = gate.releaseUrlProblems({ env: { UPDATE_FEED_URL: feed }, appJson: https });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(problem);
  });

  it('refuses an http service in resources/app.json (what the repository holds for development)', () => {
    const problems = gate.releaseUrlProblems({
      env: { UPDATE_FEED_URL: 'https://license.example.jp/updates' },
      appJson: JSON.parse(fs.readFileSync(path.join(ROOT, 'resources/app.json'), 'utf8')),
    });
    expect(problems).toEqual([expect.stringContaining('defaultServiceUrl must be https')]);
  });

  it('stops electron-builder with every problem named', async () => {
    const saved = process.env.UPDATE_FEED_URL;
    process.env.UPDATE_FEED_URL = 'http://127.0.0.1:8787/updates';
    try {
      await expect(gate.default({ packager: { projectDir: ROOT } })).rejects.toThrow(
        /release refused[\s\S]*UPDATE_FEED_URL must be https[\s\S]*defaultServiceUrl must be https/,
      );
    } finally {
      if (saved === undefined) delete process.env.UPDATE_FEED_URL;
      else process.env.UPDATE_FEED_URL = saved;
    }
  });
});

describe('package.json for the installers', () => {
  it('names the vendor with an e-mail (electron-builder warns without an author; the deb needs a maintainer)', () => {
    const catalog = JSON.parse(fs.readFileSync(path.join(ROOT, 'resources/catalog/catalog.json'), 'utf8')) as {
      vendor: { name: string };
    };
    expect(pkg.author?.name).toBe(catalog.vendor.name);
    expect(pkg.author?.email).toMatch(/^[^@\s]+@[^@\s]+\.[a-z]+$/);
    expect(pkg.homepage).toMatch(/^https:\/\//);
  });
});
