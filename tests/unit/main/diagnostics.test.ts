import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CodedError } from '../../../src-shared/contracts/coded-error';
import { DiagnosticsService } from '../../../src-main/diagnostics/diagnostics-service';
import { buildDiagnosticsReport, diagnosticsFileName, type RuntimeInfo } from '../../../src-main/diagnostics/diagnostics-report';
import { createElectronFileSaver } from '../../../src-main/electron/electron-file-saver';
import { browserFileSaver } from '../../../src-main/browser-host/browser-adapters';
import { AppLog, type LogSink } from '../../../src-main/log/app-log';
import { type FileToSave } from '../../../src-main/ports/file-saver';
import { encodeLicenseToken } from '../../../src-main/update/license-token';
import { sampleLaunchState, sampleLicense, sampleSuspendedSupport } from '../../fixtures/launch-state';
import { newKeyPair, samplePayload, signPayload } from '../../fixtures/signing';

const runtime: RuntimeInfo = {
  os: 'Linux',
  osRelease: '6.1.0',
  osVersion: '#1 SMP Debian',
  arch: 'x64',
  node: '20.20.2',
  electron: null,
  chrome: null,
  locale: 'ja-JP',
  timeZone: 'America/Los_Angeles',
};

function exportWith(log: AppLog, overrides: { runtime?: RuntimeInfo } = {}) {
  const saved: FileToSave[] = [];
  const service = new DiagnosticsService({
    launchState: () =>
      sampleLaunchState({ canStart: true, screen: 'none', notices: ['connect-network'], license: sampleLicense }),
    updateState: () => ({ status: 'disabled', reason: 'term-ended' }),
    store: () => ({ schemaVersion: 4, expectedSchemaVersion: 4 }),
    log,
    saver: {
      save: async (file) => {
        saved.push(file);
        return { outcome: 'saved', fileName: file.suggestedName };
      },
    },
    runtime: overrides.runtime ?? runtime,
    packaged: true,
    now: () => new Date('2026-12-03T18:30:00.000Z'),
  });
  return { service, saved };
}

/** A log kept in memory: the same AppLog, without a file or the console. */
function memoryLog(): AppLog {
  const lines: string[] = [];
  const sink: LogSink = { write: (level, line) => lines.push(`[${level}] ${line}`), tail: (count) => lines.slice(-count) };
  return new AppLog(sink, () => new Date('2026-12-03T18:00:00.000Z'));
}

describe('diagnostics export', () => {
  it('carries a suspension and its cause as バージョン情報 shows it: the other license masked to its last group', () => {
    const support = sampleSuspendedSupport;
    const report = buildDiagnosticsReport({
      createdAt: new Date('2026-12-03T18:30:00.000Z'),
      packaged: true,
      runtime,
      launch: sampleLaunchState({
        canStart: true,
        screen: 'none',
        notices: ['support-suspended'],
        license: { ...sampleLicense, support },
      }),
      update: { status: 'disabled', reason: 'support-suspended' },
      store: { schemaVersion: 4, expectedSchemaVersion: 4 },
      recentErrors: [],
      logTail: [],
    }) as { license: { support: unknown }; update: unknown };
    expect(report.license.support).toEqual(support);
    expect(report.update).toEqual({ status: 'disabled', reason: 'support-suspended' });
  });

  it('holds what support asks for: versions, product, edition, masked license, decision, checks, update, schema, errors, log', async () => {
    const log = memoryLog();
    log.info('launch decided');
    log.error('validation failed', new CodedError('service-unreachable', 'offline'));
    const { service, saved } = exportWith(log);
    const outcome = await service.export();
    expect(outcome).toEqual({ outcome: 'saved', fileName: 'diagnostics-sakura-kaikei-20261204-0330.json' });
    const report = JSON.parse(saved[0]!.content) as Record<string, Record<string, unknown>>;
    expect(saved[0]!.mimeType).toBe('application/json');
    expect(report.format).toBe('renewal-desk-diagnostics/1');
    expect(report.app).toEqual({
      version: '9.9.9',
      product: 'sakura-kaikei',
      productName: 'さくら会計 Desktop',
      edition: 'package',
      packaged: true,
    });
    expect(report.runtime).toEqual(runtime);
    expect(report.license).toMatchObject({ numberMasked: '****-****-****-AB7K', termEnd: '2027-03-31', state: 'active' });
    expect(report.license).toMatchObject({ support: null });
    expect(report.launch).toEqual({
      decidedAt: '2026-11-22T01:00:00.000Z',
      canStart: true,
      screen: 'none',
      notices: ['connect-network'],
      problem: null,
    });
    expect(report.checks).toMatchObject({ lastCheck: null, lastError: null });
    expect(report.update).toEqual({ status: 'disabled', reason: 'term-ended' });
    expect(report.store).toEqual({ schemaVersion: 4, expectedSchemaVersion: 4 });
    expect(report.recentErrors).toEqual([
      { at: '2026-12-03T18:00:00.000Z', code: 'service-unreachable', message: expect.stringContaining('validation failed') },
    ]);
    expect(report.logTail).toEqual(['[info] launch decided', expect.stringContaining('[error] validation failed')]);
  });

  it('never lets a machine id, token, signature, key, card or full license number out, wherever it slipped in', async () => {
    const { privateKey } = newKeyPair();
    const licenseNumber = 'ABCD-EFGH-JKMN-PQRS';
    const signed = signPayload(privateKey, samplePayload({ licenseNumber }));
    const secrets = {
      machineId: crypto.randomBytes(16).toString('hex'),
      device: crypto.randomBytes(32).toString('hex'),
      token: encodeLicenseToken(signed),
      signature: signed.signature,
      key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      card: '4242 4242 4242 4242',
      licenseNumber,
    };
    const log = memoryLog();
    log.error(`activation of ${licenseNumber} failed on ${secrets.machineId}`, {
      token: secrets.token,
      detail: secrets.signature,
    });
    log.info(`key ${secrets.key} card ${secrets.card} device ${secrets.device}`);
    const { service, saved } = exportWith(log, { runtime: { ...runtime, osVersion: `build ${secrets.machineId}` } });
    await service.export();
    const content = saved[0]!.content;
    for (const [name, value] of Object.entries(secrets)) {
      expect(content.includes(value), name).toBe(false);
    }
    expect(content).not.toContain('ABCD-EFGH-JKMN');
    expect(content).not.toContain(secrets.key.split('\n')[1]);
    expect(content).toContain('****-****-****-PQRS');
  });

  it('names the file by product and JST minute, whatever the machine’s zone', () => {
    expect(diagnosticsFileName('sakura-kaikei', new Date('2026-12-31T15:05:00Z'))).toBe(
      'diagnostics-sakura-kaikei-20270101-0005.json',
    );
  });

  it('hands the file back for a download in the browser host', async () => {
    const outcome = await browserFileSaver().save({ suggestedName: 'd.json', content: '{}', mimeType: 'application/json' });
    expect(outcome).toEqual({ outcome: 'download', fileName: 'd.json', content: '{}', mimeType: 'application/json' });
  });
});

describe('Electron save dialog adapter', () => {
  const file: FileToSave = { suggestedName: 'diagnostics-x.json', content: '{"a":1}\n', mimeType: 'application/json' };
  const app = { getPath: (name: string) => `/home/user/${name}` } as never;

  it('offers the Downloads folder, writes the chosen file readable by the user alone', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'save-'));
    const target = path.join(dir, 'chosen.json');
    const asked: unknown[] = [];
    const dialog = {
      showSaveDialog: async (...args: unknown[]) => {
        asked.push(args);
        return { canceled: false, filePath: target };
      },
    } as never;
    const outcome = await createElectronFileSaver(dialog, app, () => null).save(file);
    expect(outcome).toEqual({ outcome: 'saved', fileName: 'chosen.json' });
    expect(asked).toEqual([
      [{ defaultPath: '/home/user/downloads/diagnostics-x.json', filters: [{ name: 'JSON', extensions: ['json'] }] }],
    ]);
    expect(fs.readFileSync(target, 'utf8')).toBe(file.content);
    if (process.platform !== 'win32') expect(fs.statSync(target).mode & 0o777).toBe(0o600);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('writes nothing when the user cancels', async () => {
    const dialog = { showSaveDialog: async () => ({ canceled: true, filePath: '' }) } as never;
    expect(await createElectronFileSaver(dialog, app, () => null).save(file)).toEqual({ outcome: 'cancelled' });
  });

  it('says diagnostics-not-saved when the folder cannot be written', async () => {
    const dialog = { showSaveDialog: async () => ({ canceled: false, filePath: '/proc/no-such-dir/x.json' }) } as never;
    await expect(createElectronFileSaver(dialog, app, () => null).save(file)).rejects.toMatchObject({
      code: 'diagnostics-not-saved',
    });
  });
});
