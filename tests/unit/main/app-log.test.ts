import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import electronLog from 'electron-log/node';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CodedError } from '../../../src-shared/contracts/coded-error';
import { licenseNumberFromDigits, normalizeLicenseNumber } from '../../../src-shared/contracts/license-number';
import { AppLog, consoleLogSink, type LogSink } from '../../../src-main/log/app-log';
import { electronLogSink, LOG_FILE_MAX_BYTES, readTail } from '../../../src-main/log/electron-log-sink';
import { redactText, redactValue } from '../../../src-main/log/redact';
import { encodeLicenseToken } from '../../../src-main/update/license-token';
import { newKeyPair, samplePayload, signPayload } from '../../fixtures/signing';

// Every kind of secret the app handles, as it would really look.
function secrets() {
  const { privateKey, publicKey } = newKeyPair();
  const licenseNumber = licenseNumberFromDigits([7, 22, 2, 19, 9, 29, 13, 4, 10, 27, 17, 24, 5, 3, 1]);
  const signed = signPayload(privateKey, samplePayload({ licenseNumber, device: crypto.randomBytes(32).toString('hex') }));
  return {
    licenseNumber,
    compactNumber: normalizeLicenseNumber(licenseNumber),
    lowerCaseNumber: licenseNumber.toLowerCase(),
    token: encodeLicenseToken(signed),
    signature: signed.signature,
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    rawPublicKey: publicKey.export({ type: 'spki', format: 'der' }).subarray(-32).toString('base64'),
    cardSpaced: '4242 4242 4242 4242',
    cardPlain: '4000000000000002',
    cardHyphens: '5555-5555-5555-4444',
    machineId: crypto.randomBytes(16).toString('hex'),
    deviceHash: crypto.randomBytes(32).toString('hex'),
    guid: crypto.randomUUID().toUpperCase(),
    hexWithoutDigits: 'deadbeef'.repeat(8),
  };
}

/** The secret-bearing parts that must not survive: the whole value, and for license numbers the first 12 symbols. */
function leaks(text: string, all: ReturnType<typeof secrets>): string[] {
  const found = Object.entries(all)
    .filter(([, value]) => text.includes(value) || text.includes(value.replace(/\s+/g, '')))
    .map(([name]) => name);
  if (text.includes(all.compactNumber.slice(0, 12))) found.push('license number body');
  const pemBody = all.privateKeyPem.split('\n')[1]!;
  if (text.includes(pemBody)) found.push('private key body');
  return found;
}

describe('redaction', () => {
  it('removes every secret from text and keeps the license number’s last group, as support reads it', () => {
    const all = secrets();
    const text = Object.entries(all)
      .map(([name, value]) => `${name}=${value}`)
      .join(' | ');
    const redacted = redactText(text);
    expect(leaks(redacted, all)).toEqual([]);
    expect(redacted).toContain(`licenseNumber=****-****-****-${all.licenseNumber.slice(-4)}`);
    expect(redacted).toContain('privateKeyPem=[redacted key]');
    expect(redacted).toContain('cardSpaced=[redacted card]');
    // Each shape by its own rule, whole: a token, padded base64 (signature, raw key), hex with or without digits.
    expect(redacted).toContain('token=[redacted token] |');
    expect(redacted).toContain('signature=[redacted] |');
    expect(redacted).toContain('rawPublicKey=[redacted] |');
    expect(redacted).toContain('hexWithoutDigits=[redacted]');
  });

  it('leaves the words, dates, paths and codes support needs', () => {
    const text =
      'validation failed code=service-unreachable at 2026-12-03T09:15:00.000Z file /home/a/.config/app/license.sqlite phone 050-3000-1001';
    expect(redactText(text)).toBe(text);
  });

  it('is idempotent: a redacted line stays as it is', () => {
    const once = redactText(Object.values(secrets()).join(' '));
    expect(redactText(once)).toBe(once);
  });

  it('replaces fields named like secrets whole, deep inside objects, errors and arrays', () => {
    const value = redactValue({
      request: { token: 'abc', card: { number: '42' }, password: 'hunter2', list: [{ signature: 'x' }] },
      error: new CodedError('payment-declined', 'card 4242424242424242 declined'),
      keep: { licenseNumberMasked: '****-****-****-AB7K', code: 'moved' },
    });
    expect(value).toEqual({
      request: { token: '[redacted]', card: '[redacted]', password: '[redacted]', list: [{ signature: '[redacted]' }] },
      error: { name: 'CodedError', message: 'card [redacted card] declined', code: 'payment-declined' },
      keep: { licenseNumberMasked: '****-****-****-AB7K', code: 'moved' },
    });
  });
});

describe('AppLog over electron-log’s file transport', () => {
  let dir: string;
  let logger: typeof electronLog;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'app-log-'));
    logger = electronLog.create({ logId: `test-${path.basename(dir)}` });
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('writes nothing secret to the file, whatever the callers pass', () => {
    const all = secrets();
    const log = new AppLog(electronLogSink(logger, { dir, console: false }));
    log.error(`activation failed for ${all.licenseNumber} (${all.compactNumber})`, new Error(`token ${all.token}`));
    log.warn('feed refused', { headers: { 'x-license-token': all.token }, signature: all.signature, machineId: all.machineId });
    log.info(`card ${all.cardSpaced} / ${all.cardPlain} / ${all.cardHyphens}`, { key: all.privateKeyPem });
    log.info(`device ${all.deviceHash} guid ${all.guid} key ${all.rawPublicKey} ${all.lowerCaseNumber}`);
    const file = fs.readFileSync(path.join(dir, 'main.log'), 'utf8');
    expect(file.split('\n').filter(Boolean)).toHaveLength(4);
    expect(leaks(file, all)).toEqual([]);
    expect(file).toContain(`****-****-****-${all.licenseNumber.slice(-4)}`);
    expect(file).toMatch(/\[error\] activation failed/);
  });

  it('keeps the last error codes and the end of the file for the diagnostics export', () => {
    const log = new AppLog(electronLogSink(logger, { dir, console: false }), () => new Date('2026-12-03T00:00:00Z'));
    for (let i = 0; i < 25; i++) log.info(`line ${i}`);
    log.error('check failed', new CodedError('service-unreachable', 'offline'));
    log.error('plain failure', new Error('boom'));
    expect(log.recentErrors()).toEqual([
      { at: '2026-12-03T00:00:00.000Z', code: 'service-unreachable', message: expect.stringContaining('check failed') },
      { at: '2026-12-03T00:00:00.000Z', code: null, message: expect.stringContaining('plain failure') },
    ]);
    const tail = log.tail(3);
    expect(tail).toHaveLength(3);
    expect(tail[0]).toContain('line 24');
    expect(tail[2]).toContain('plain failure');
  });

  it('keeps at most the last 20 errors', () => {
    const log = new AppLog(consoleLogSink(), () => new Date(0));
    const quiet = console.error;
    console.error = () => {};
    try {
      for (let i = 0; i < 30; i++) log.error(`error ${i}`);
    } finally {
      console.error = quiet;
    }
    expect(log.recentErrors().map((e) => e.message)).toEqual(Array.from({ length: 20 }, (_, i) => `error ${i + 10}`));
  });

  it('rotates the file past 1 MiB into main.old.log', () => {
    const log = new AppLog(electronLogSink(logger, { dir, console: false }));
    const line = 'x'.repeat(1000);
    for (let i = 0; i < (LOG_FILE_MAX_BYTES / 1000) * 1.2; i++) log.info(line);
    expect(fs.existsSync(path.join(dir, 'main.old.log'))).toBe(true);
    expect(fs.statSync(path.join(dir, 'main.log')).size).toBeLessThan(LOG_FILE_MAX_BYTES);
  });

  it('never lets a failing sink stop the caller', () => {
    const broken: LogSink = {
      write: () => {
        throw new Error('disk full');
      },
      tail: () => [],
    };
    const log = new AppLog(broken);
    expect(() => log.error('still running')).not.toThrow();
    expect(log.recentErrors()).toHaveLength(1);
  });

  it('reads the tail of a long file from its end, without a partial first line', () => {
    const file = path.join(dir, 'long.log');
    fs.writeFileSync(file, Array.from({ length: 5000 }, (_, i) => `line ${i} ${'y'.repeat(40)}`).join('\n'));
    const tail = readTail(file, 2);
    expect(tail.map((l) => l.split(' ')[1])).toEqual(['4998', '4999']);
    expect(readTail(path.join(dir, 'missing.log'), 5)).toEqual([]);
  });
});
