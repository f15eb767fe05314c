// The tamper suite (issue 7, item 3): scripted edits of the desktop app's real store file, each launched through the
// real store opening, the real Ed25519 verification against a real license service's key, and the real decision.
// Every case asserts its documented end state (docs/tamper-cases.md) and that the product does not run past its term.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deviceNumberFrom } from '../../src-main/device/device-number';
import { DEFAULT_LAUNCH_SETTINGS } from '../../src-main/launch/launch-service';
import { type LaunchState } from '../../src-shared/ipc/launch-state';
import { desktopApp, type DesktopApp } from '../fixtures/desktop-app';
import { startTestServer } from '../fixtures/license-server';
import { newKeyPair, samplePayload, signPayload } from '../fixtures/signing';
import {
  PNG_HEADER,
  brokenCopies,
  copyLicenseRow,
  editStore,
  garbageBytes,
  launchInChild,
  readLicenseRow,
  replayingService,
  setAppState,
  setLicenseColumn,
} from '../fixtures/tamper-store';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const T0 = new Date('2026-11-22T01:00:00Z');
const at = (ms: number) => new Date(T0.getTime() + ms);
const LEASE_MS = 14 * DAY; // the test service's lease (src-server default)
const { leaseGraceMs: GRACE_MS, rollbackToleranceMs: TOLERANCE_MS } = DEFAULT_LAUNCH_SETTINGS;
/** A download-edition subscription ending 8 days after T0, so "past its term" is inside the signed lease. */
const SHORT_END = '2026-11-30';
const LONG_END = '2027-03-31';
/** 2026-12-01 00:00 JST: the first instant past SHORT_END. */
const DAY_AFTER_TERM = new Date('2026-11-30T15:00:00Z');
const OFFLINE = 'http://127.0.0.1:9';
const STAMP = '20261122T010000Z'; // T0 as the moved-aside file's stamp

let server: Awaited<ReturnType<typeof startTestServer>>;
let serverNow = T0;
let root: string;
let seq = 0;

type Install = { file: string; dir: string; number: string; machineId: string; deviceNumber: string };

async function issue(end: string, product = 'sakura-kaikei'): Promise<string> {
  return (
    await server.ctx.licenses.create(
      { product, edition: 'download', kind: 'subscription', termStart: '2026-04-01', termEnd: end },
      serverNow.toISOString(),
    )
  ).number;
}

function app(file: string, machineId: string, options: { now?: Date; serviceUrl?: string } = {}): DesktopApp {
  return desktopApp({
    dbFile: file,
    serviceUrl: options.serviceUrl ?? OFFLINE,
    publicKeyPath: server.publicKeyPath,
    machineId,
    now: options.now ?? T0,
  });
}

/** A fresh installation: a license issued by the service and activated at T0 into its own store file. */
async function install(options: { end?: string; number?: string } = {}): Promise<Install> {
  const dir = fs.mkdtempSync(path.join(root, 'case-'));
  const file = path.join(dir, 'license.sqlite');
  const machineId = `tamper-machine-${++seq}`;
  const number = options.number ?? (await issue(options.end ?? SHORT_END));
  const a = app(file, machineId, { serviceUrl: server.url });
  try {
    await a.launch.activate(number);
  } finally {
    a.close();
  }
  return { file, dir, number, machineId, deviceNumber: deviceNumberFrom(machineId, 'sakura-kaikei:device:v1') };
}

/** One offline launch over the store file: the state the user meets, then the app is closed again. */
function look(c: Install, now: Date = T0): LaunchState {
  const a = app(c.file, c.machineId, { now });
  try {
    return a.launch.state();
  } finally {
    a.close();
  }
}

/** A launch with the service answering at `now` (its clock too): the background check, then the state. */
async function checkOnline(c: Install, now: Date): Promise<LaunchState> {
  serverNow = now;
  const a = app(c.file, c.machineId, { now, serviceUrl: server.url });
  try {
    return await a.launch.recheck();
  } finally {
    a.close();
    serverNow = T0;
  }
}

/** The license was activated on another machine since (SPEC §4: it moves). */
async function activateElsewhere(number: string): Promise<void> {
  const other = app(path.join(fs.mkdtempSync(path.join(root, 'other-')), 'license.sqlite'), `elsewhere-${++seq}`, {
    serviceUrl: server.url,
  });
  try {
    await other.launch.activate(number);
  } finally {
    other.close();
  }
}

const RUNS = { screen: 'none', canStart: true, problem: null } as const;
const UNTRUSTED = { screen: 'activate', canStart: false, problem: 'stored-license-invalid', license: null } as const;

/** The product does not run past its term: on the first day after it (JST), inside the signed lease, offline. */
function expectStopsAfterTerm(c: Install): void {
  const after = look(c, DAY_AFTER_TERM);
  expect(after.canStart).toBe(false);
  expect(['renewal-web-page', 'activate', 'store-unavailable']).toContain(after.screen);
}

/** The trusted end of the lease for a license issued at T0: the app still works, 1 ms later it needs the service. */
function expectLeaseStops(c: Install, issuedAt: Date = T0): void {
  const lastTrusted = new Date(issuedAt.getTime() + LEASE_MS + GRACE_MS);
  expect(look(c, lastTrusted)).toMatchObject({ ...RUNS, notices: expect.arrayContaining(['needs-online-check']) });
  expect(look(c, new Date(lastTrusted.getTime() + 1))).toMatchObject({ screen: 'needs-online-check', canStart: false });
}

/**
 * A damaged store: moved aside with its exact bytes (and WAL/SHM) kept for support, a fresh store created, the
 * activation screen says what happened, re-activation restores the license from the service, and the next launch is
 * normal (no crash loop).
 */
async function expectMovedAsideAndRestored(c: Install, companions: string[] = []): Promise<void> {
  const original = fs.readFileSync(c.file);
  const companionBytes = companions.map((suffix) => fs.readFileSync(c.file + suffix));
  const a = app(c.file, c.machineId, { serviceUrl: server.url });
  try {
    expect(a.launch.state()).toMatchObject({
      screen: 'activate',
      canStart: false,
      problem: 'database-recovered',
      license: null,
    });
    expect(brokenCopies(c.file)).toEqual([`${c.file}.broken-${STAMP}`]);
    expect(fs.readFileSync(`${c.file}.broken-${STAMP}`).equals(original)).toBe(true);
    companions.forEach((suffix, i) => {
      expect(fs.readFileSync(`${c.file}.broken-${STAMP}${suffix}`).equals(companionBytes[i]!)).toBe(true);
    });
    const restored = await a.launch.activate(c.number);
    expect(restored).toMatchObject({ ...RUNS, license: { termEnd: SHORT_END } });
  } finally {
    a.close();
  }
  expect(look(c)).toMatchObject({ ...RUNS, license: { termEnd: SHORT_END } });
  expect(brokenCopies(c.file)).toHaveLength(1);
  expectStopsAfterTerm(c);
}

// Cases that need another process start at once and are awaited by their tests, so their waits overlap the rest.
let locked: { c: Install; holder: Database.Database; launch: Promise<LaunchState> };
let readOnlyFile: { c: Install; before: Buffer; launch: Promise<LaunchState> };
let readOnlyDir: { c: Install; before: Buffer; launch: Promise<LaunchState> };
const UNPRIVILEGED = 65_534; // nobody: root ignores file modes, so the read-only cases open the file as another user
const isRoot = process.getuid?.() === 0;

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'tamper-'));
  fs.chmodSync(root, 0o755);
  server = await startTestServer({ clock: () => serverNow });

  // Locked: another program holds the file in exclusive locking mode inside a write transaction.
  const lockedCase = await install();
  const holder = new Database(lockedCase.file);
  holder.pragma('locking_mode = EXCLUSIVE');
  holder.exec('BEGIN EXCLUSIVE');
  holder.prepare("INSERT INTO app_state (key, value) VALUES ('held-by', 'another program')").run();
  locked = {
    c: lockedCase,
    holder,
    launch: launchInChild({
      dbFile: lockedCase.file,
      publicKeyPath: server.publicKeyPath,
      machineId: lockedCase.machineId,
      now: T0.toISOString(),
    }),
  };

  // Read-only: the key is copied next to the store so the unprivileged user can read it (the service's dir is 0700).
  const readOnly = async (dirWritable: boolean) => {
    const c = await install();
    const publicKeyPath = path.join(c.dir, 'license-public-key.pem');
    fs.copyFileSync(server.publicKeyPath, publicKeyPath);
    fs.chmodSync(publicKeyPath, 0o444);
    fs.chmodSync(c.file, 0o444);
    if (isRoot && dirWritable) fs.chownSync(c.dir, UNPRIVILEGED, UNPRIVILEGED);
    fs.chmodSync(c.dir, dirWritable ? 0o755 : 0o555);
    const before = fs.readFileSync(c.file);
    const launch = launchInChild(
      { dbFile: c.file, publicKeyPath, machineId: c.machineId, now: at(HOUR).toISOString() },
      isRoot ? { uid: UNPRIVILEGED } : {},
    );
    return { c, before, launch };
  };
  readOnlyFile = await readOnly(true);
  readOnlyDir = await readOnly(false);
  // Awaited by their tests; a rejection before then must not count as unhandled.
  for (const pending of [locked.launch, readOnlyFile.launch, readOnlyDir.launch]) pending.catch(() => {});
});

afterAll(async () => {
  if (locked?.holder.open) locked.holder.close();
  if (readOnlyDir) fs.chmodSync(readOnlyDir.c.dir, 0o755);
  await server?.close();
  if (root) fs.rmSync(root, { recursive: true, force: true });
});

describe('baseline', () => {
  it('B1 an untouched store runs within its term and stops the day after it ends', async () => {
    const c = await install();
    expect(look(c)).toMatchObject({
      ...RUNS,
      notices: ['reminder-2-months', 'reminder-20-days'],
      license: { termEnd: SHORT_END },
    });
    expect(look(c, DAY_AFTER_TERM)).toMatchObject({ screen: 'renewal-web-page', canStart: false });
  });
});

describe('the signed columns of the license row', () => {
  it('C1 payload edited (term end moved to 2099) → not trusted, activation screen', async () => {
    const c = await install();
    const row = readLicenseRow(c.file)!;
    setLicenseColumn(c.file, 'payload', String(row.payload).replace(`"end":"${SHORT_END}"`, '"end":"2099-12-31"'));
    expect(String(readLicenseRow(c.file)!.payload)).toContain('2099-12-31');
    expect(look(c)).toMatchObject(UNTRUSTED);
    expectStopsAfterTerm(c);
  });

  it('C2 payload re-serialised with the same content (not canonical) → not trusted', async () => {
    const c = await install();
    const row = readLicenseRow(c.file)!;
    setLicenseColumn(c.file, 'payload', JSON.stringify(JSON.parse(String(row.payload)), null, 1));
    expect(look(c)).toMatchObject(UNTRUSTED);
    expectStopsAfterTerm(c);
  });

  it('C3 payload of the wrong type (a number) → not trusted, no crash', async () => {
    const c = await install();
    setLicenseColumn(c.file, 'payload', 42);
    expect(look(c)).toMatchObject(UNTRUSTED);
    expectStopsAfterTerm(c);
  });

  it('C4 signature with one character changed → not trusted', async () => {
    const c = await install();
    const signature = String(readLicenseRow(c.file)!.signature);
    const flipped = signature[10] === 'A' ? 'B' : 'A';
    setLicenseColumn(c.file, 'signature', signature.slice(0, 10) + flipped + signature.slice(11));
    expect(look(c)).toMatchObject(UNTRUSTED);
    expectStopsAfterTerm(c);
  });

  it('C5 signature truncated → not trusted', async () => {
    const c = await install();
    setLicenseColumn(c.file, 'signature', String(readLicenseRow(c.file)!.signature).slice(0, 43));
    expect(look(c)).toMatchObject(UNTRUSTED);
    expectStopsAfterTerm(c);
  });

  it('C6 signature replaced by garbage text, then by a blob → not trusted, no crash', async () => {
    const c = await install();
    setLicenseColumn(c.file, 'signature', '!!not-base64 ✂ ライセンス');
    expect(look(c)).toMatchObject(UNTRUSTED);
    setLicenseColumn(c.file, 'signature', garbageBytes(64));
    expect(look(c)).toMatchObject(UNTRUSTED);
    expectStopsAfterTerm(c);
  });

  it('C7 signature of another genuine license pasted in → not trusted', async () => {
    const c = await install();
    const other = await install();
    setLicenseColumn(c.file, 'signature', readLicenseRow(other.file)!.signature);
    expect(look(c)).toMatchObject(UNTRUSTED);
    expectStopsAfterTerm(c);
  });

  it('C8 key_id changed → ignored: the one pinned key decides, the license still verifies and still ends', async () => {
    const c = await install();
    setLicenseColumn(c.file, 'key_id', 'attacker-key');
    expect(look(c)).toMatchObject(RUNS);
    expectStopsAfterTerm(c);
  });

  it('C9 a license signed with a key pair of the user’s own (term to 2099) → not trusted', async () => {
    const c = await install();
    const forged = signPayload(
      newKeyPair().privateKey,
      samplePayload({
        licenseNumber: c.number,
        edition: 'download',
        kind: 'subscription',
        device: c.deviceNumber,
        term: { start: '2026-04-01', end: '2099-12-31' },
      }),
    );
    editStore(c.file, (db) =>
      db.prepare('UPDATE license SET payload = ?, signature = ?, key_id = ?').run(forged.payload, forged.signature, forged.keyId),
    );
    expect(look(c)).toMatchObject(UNTRUSTED);
    expectStopsAfterTerm(c);
  });

  it('C10 license row deleted → activation screen, nothing runs', async () => {
    const c = await install();
    editStore(c.file, (db) => db.prepare('DELETE FROM license').run());
    expect(look(c)).toMatchObject({ screen: 'activate', canStart: false, problem: null, license: null });
    expectStopsAfterTerm(c);
  });
});

describe('rows from elsewhere', () => {
  it('R1 the whole row copied from another device’s store → not trusted (signed for that device)', async () => {
    const mine = await install();
    const theirs = await install();
    copyLicenseRow(theirs.file, mine.file);
    expect(look(mine)).toMatchObject(UNTRUSTED);
    expect(look(theirs)).toMatchObject(RUNS);
    expectStopsAfterTerm(mine);
  });

  it('R2 a genuine license for another product, signed for this very device → not trusted', async () => {
    const c = await install();
    const number = await issue('2099-12-31', 'menzei-terminal');
    const response = await fetch(`${server.url}/v1/activations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ licenseNumber: number, product: 'menzei-terminal', device: c.deviceNumber, appVersion: '1.0.0' }),
    });
    const { license } = (await response.json()) as { license: { payload: string; signature: string; keyId: string } };
    expect(JSON.parse(license.payload)).toMatchObject({ product: 'menzei-terminal', device: c.deviceNumber });
    editStore(c.file, (db) =>
      db
        .prepare('UPDATE license SET payload = ?, signature = ?, key_id = ?')
        .run(license.payload, license.signature, license.keyId),
    );
    expect(look(c)).toMatchObject(UNTRUSTED);
    expectStopsAfterTerm(c);
  });

  it('R3 a validation answer for this license number signed for another device (man in the middle) → refused, nothing stored', async () => {
    const c = await install();
    // The same number activated on another PC: genuine, same number and product, only the device differs.
    const theirs = readLicenseRow((await install({ number: c.number })).file)!;
    expect(JSON.parse(String(theirs.payload))).toMatchObject({
      licenseNumber: c.number,
      device: expect.not.stringMatching(c.deviceNumber),
    });
    const before = readLicenseRow(c.file)!;
    const mitm = await replayingService({
      license: { payload: theirs.payload, signature: theirs.signature, keyId: theirs.key_id },
      serverTime: T0.toISOString(),
    });
    const a = app(c.file, c.machineId, { serviceUrl: mitm.url, now: at(HOUR) });
    try {
      expect(await a.launch.recheck()).toMatchObject({ ...RUNS, online: { lastError: 'license-signature-invalid' } });
    } finally {
      a.close();
      await mitm.close();
    }
    expect(mitm.requests).toEqual(['POST /v1/validations']);
    expect(readLicenseRow(c.file)!.payload).toBe(before.payload);
    expectStopsAfterTerm(c);
  });
});

describe('replayed older licenses', () => {
  it('P1 an older signed license answered by a replaying service → refused, the newer one stays, the watermark stays', async () => {
    const c = await install({ end: LONG_END });
    const older = readLicenseRow(c.file)!;
    await checkOnline(c, at(DAY));
    const newer = readLicenseRow(c.file)!;
    expect(JSON.parse(String(newer.payload)).issuedAt).toBe(at(DAY).toISOString());
    const mitm = await replayingService({
      license: { payload: older.payload, signature: older.signature, keyId: older.key_id },
      serverTime: T0.toISOString(),
    });
    const a = app(c.file, c.machineId, { serviceUrl: mitm.url, now: at(DAY + HOUR) });
    try {
      expect(await a.launch.recheck()).toMatchObject({ ...RUNS, online: { lastError: 'service-bad-response' } });
    } finally {
      a.close();
      await mitm.close();
    }
    expect(readLicenseRow(c.file)!.payload).toBe(newer.payload);
    // The replayed issue time did not pull the watermark back: a clock set back to T0 is still a rollback.
    expect(look(c, T0)).toMatchObject({ screen: 'clock-rollback', canStart: false });
  });

  it('P2 an older signed license written into the file over a newer, shorter one → trusted only until its lease ends', async () => {
    const c = await install({ end: LONG_END });
    const older = readLicenseRow(c.file)!;
    // The vendor shortened the term (a refund, say); the next check stores the license that ends on SHORT_END.
    await server.ctx.store.session.run('UPDATE licenses SET term_end = ? WHERE number = ?', [SHORT_END, c.number]);
    expect((await checkOnline(c, at(DAY))).license?.termEnd).toBe(SHORT_END);
    editStore(c.file, (db) =>
      db.prepare('UPDATE license SET payload = ?, signature = ?, key_id = ?').run(older.payload, older.signature, older.key_id),
    );
    // Known limit, bounded by the lease: the older signed term is believed offline until its lease and grace end…
    expect(look(c, DAY_AFTER_TERM)).toMatchObject({ ...RUNS, license: { termEnd: LONG_END } });
    expectLeaseStops(c);
    // …and the service's answer restores the real term, which has ended.
    const checked = await checkOnline(c, at(LEASE_MS + GRACE_MS + 1));
    expect(checked).toMatchObject({ canStart: false, license: { termEnd: SHORT_END } });
  });
});

describe('unsigned bookkeeping columns: garbage never breaks the launch and never grants anything', () => {
  it.each([
    ['U1', 'stored_at', 'yesterday'],
    ['U2', 'stored_at', 12345],
    ['U3', 'last_online_check', 'not a time'],
    ['U4', 'last_online_check', '0000-01-01T00:00:00Z'],
    ['U5', 'last_attempt', garbageBytes(16)],
    ['U6', 'last_error', 'everything is fine'],
    ['U7', 'placed_renewal', '{"orderId":'],
    ['U8', 'placed_renewal', 7],
  ] as const)('%s %s set to %j → runs as before, stops after the term', async (_id, column, value) => {
    const c = await install();
    setLicenseColumn(c.file, column, value);
    const state = look(c);
    expect(state).toMatchObject({ ...RUNS, license: { termEnd: SHORT_END } });
    expect(state.notices).not.toContain('renewal-unpaid');
    expect(state.online).toMatchObject({ lastError: null });
    expectStopsAfterTerm(c);
  });

  it('U9 last_online_check moved far into the future → does not extend the lease', async () => {
    const c = await install({ end: LONG_END });
    setLicenseColumn(c.file, 'last_online_check', '9999-12-31T23:59:59Z');
    expect(look(c)).toMatchObject(RUNS);
    expectLeaseStops(c);
  });

  it('U10 last_error cleared after a failed check → the offline warning goes, nothing else changes', async () => {
    const c = await install();
    setLicenseColumn(c.file, 'last_error', 'service-unreachable');
    expect(look(c).notices).toContain('connect-network');
    setLicenseColumn(c.file, 'last_error', null);
    expect(look(c)).toMatchObject(RUNS);
    expect(look(c).notices).not.toContain('connect-network');
    expectStopsAfterTerm(c);
  });

  it('U11 a well-formed placed_renewal written by hand → only adds the unpaid-renewal notice', async () => {
    const c = await install();
    setLicenseColumn(
      c.file,
      'placed_renewal',
      JSON.stringify({ orderId: 'o-1', state: 'pending', method: 'bank-transfer', dueOn: '2026-12-05' }),
    );
    expect(look(c)).toMatchObject({ ...RUNS, notices: expect.arrayContaining(['renewal-unpaid']) });
    expectStopsAfterTerm(c);
  });

  it('U12 stopped_as cleared after the license moved → known limit: runs again offline, until the lease stops it', async () => {
    const c = await install({ end: LONG_END });
    await activateElsewhere(c.number);
    expect(await checkOnline(c, T0)).toMatchObject({ screen: 'license-moved', canStart: false });
    expect(look(c)).toMatchObject({ screen: 'license-moved', canStart: false });
    setLicenseColumn(c.file, 'stopped_as', null);
    expect(look(c)).toMatchObject(RUNS);
    expectLeaseStops(c);
    expect(await checkOnline(c, at(LEASE_MS + GRACE_MS + 1))).toMatchObject({ screen: 'license-moved', canStart: false });
  });

  it('U13 stopped_as garbage after a revocation → reads as not stopped, the lease stops it, the service says stopped', async () => {
    const c = await install({ end: LONG_END });
    await server.ctx.store.session.run("UPDATE licenses SET state = 'revoked' WHERE number = ?", [c.number]);
    expect(await checkOnline(c, T0)).toMatchObject({ screen: 'license-stopped', canStart: false });
    setLicenseColumn(c.file, 'stopped_as', 'REVOKED?!');
    expect(look(c)).toMatchObject(RUNS);
    expectLeaseStops(c);
    expect(await checkOnline(c, at(LEASE_MS + GRACE_MS + 1))).toMatchObject({ screen: 'license-stopped', canStart: false });
  });

  it('U14 stopped_as set by hand → the app stops itself (license-moved), nothing granted', async () => {
    const c = await install();
    setLicenseColumn(c.file, 'stopped_as', 'moved');
    expect(look(c)).toMatchObject({ screen: 'license-moved', canStart: false });
    setLicenseColumn(c.file, 'stopped_as', 3);
    expect(look(c)).toMatchObject(RUNS);
    expectStopsAfterTerm(c);
  });
});

describe('the clock watermark (app_state.latest_seen)', () => {
  it('W1 garbage text → read as missing and rewritten; the signed issue time still catches a clock set back', async () => {
    const c = await install();
    setAppState(c.file, 'latest_seen', 'last tuesday');
    expect(look(c, at(-DAY))).toMatchObject({ screen: 'clock-rollback', canStart: false });
    expect(look(c)).toMatchObject(RUNS);
    expectStopsAfterTerm(c);
  });

  it('W2 an instant SQLite and the schema accept but the rules cannot compute (year 0) → the launch still answers', async () => {
    const c = await install();
    setAppState(c.file, 'latest_seen', '0000-01-01T00:00:00Z');
    expect(look(c)).toMatchObject(RUNS);
    setAppState(c.file, 'latest_seen', '2026-11-22T01:00:00.1234567891Z');
    expect(look(c)).toMatchObject(RUNS);
    expectStopsAfterTerm(c);
  });

  it('W3 far future → clock-rollback (self-inflicted), cleared by the service’s answer', async () => {
    const c = await install();
    setAppState(c.file, 'latest_seen', '2099-01-01T00:00:00.000Z');
    expect(look(c)).toMatchObject({ screen: 'clock-rollback', canStart: false });
    expect(await checkOnline(c, at(HOUR))).toMatchObject(RUNS);
    expectStopsAfterTerm(c);
  });

  it('W4 deleted, then the clock set back one year → still clock-rollback (the signed issue time is a floor)', async () => {
    const c = await install();
    setAppState(c.file, 'latest_seen', null);
    expect(look(c, at(-365 * DAY))).toMatchObject({ screen: 'clock-rollback', canStart: false });
    expect(look(c)).toMatchObject(RUNS);
    expectStopsAfterTerm(c);
  });
});

describe('the machine clock', () => {
  it.each([
    ['K1', 'one day', DAY],
    ['K2', '30 days', 30 * DAY],
    ['K3', 'one year', 365 * DAY],
  ])('%s set back %s → clock-rollback, cannot start', async (_id, _label, back) => {
    const c = await install();
    expect(look(c, at(-back))).toMatchObject({ screen: 'clock-rollback', canStart: false, notices: [] });
    expect(look(c)).toMatchObject(RUNS);
    expectStopsAfterTerm(c);
  });

  it('K4 set back by exactly the tolerance → runs; 1 ms more → clock-rollback', async () => {
    const c = await install();
    expect(look(c, at(-TOLERANCE_MS))).toMatchObject(RUNS);
    expect(look(c, at(-TOLERANCE_MS - 1))).toMatchObject({ screen: 'clock-rollback', canStart: false });
  });

  it('K5 moved forward past the lease → notice within the grace, needs-online-check after; the service answers → runs', async () => {
    const c = await install({ end: LONG_END });
    expect(look(c, at(LEASE_MS))).toMatchObject({ ...RUNS, notices: [] });
    expect(look(c, at(LEASE_MS + 1))).toMatchObject({ ...RUNS, notices: ['needs-online-check'] });
    expectLeaseStops(c);
    expect(await checkOnline(c, at(LEASE_MS + GRACE_MS + 1))).toMatchObject({ ...RUNS, notices: [] });
  });

  it('K6 moved forward a year, then back to the real time → clock-rollback until the service answers', async () => {
    const c = await install({ end: LONG_END });
    expect(look(c, at(365 * DAY))).toMatchObject({ screen: 'needs-online-check', canStart: false });
    expect(look(c, at(HOUR))).toMatchObject({ screen: 'clock-rollback', canStart: false });
    expect(await checkOnline(c, at(HOUR))).toMatchObject(RUNS);
  });

  it('K7 the lease ran out while offline and the service now answers → recovers by itself', async () => {
    const c = await install();
    const late = at(LEASE_MS + GRACE_MS + DAY);
    const a = app(c.file, c.machineId, { now: late });
    try {
      expect(a.launch.state()).toMatchObject({ screen: 'needs-online-check', canStart: false });
    } finally {
      a.close();
    }
    // The term (SHORT_END) has ended by then: the service's fresh lease brings back the honest expired screen.
    expect(await checkOnline(c, late)).toMatchObject({ screen: 'renewal-web-page', canStart: false });
  });
});

describe('the store file itself', () => {
  it('F1 cut in half → moved aside, fresh store, re-activation restores the license', async () => {
    const c = await install();
    const bytes = fs.readFileSync(c.file);
    fs.writeFileSync(c.file, bytes.subarray(0, Math.floor(bytes.length / 2)));
    await expectMovedAsideAndRestored(c);
  });

  it('F2 cut inside its 100-byte header → moved aside and restored', async () => {
    const c = await install();
    fs.writeFileSync(c.file, fs.readFileSync(c.file).subarray(0, 50));
    await expectMovedAsideAndRestored(c);
  });

  it('F3 overwritten with garbage bytes → moved aside and restored', async () => {
    const c = await install();
    fs.writeFileSync(c.file, garbageBytes(fs.statSync(c.file).size));
    await expectMovedAsideAndRestored(c);
  });

  it('F4 garbage in its pages behind an intact header → moved aside and restored', async () => {
    const c = await install();
    const bytes = fs.readFileSync(c.file);
    garbageBytes(bytes.length - 100, 11).copy(bytes, 100);
    fs.writeFileSync(c.file, bytes);
    await expectMovedAsideAndRestored(c);
  });

  it('F4b garbage in the data pages only (page 1 with the schema intact) → moved aside and restored', async () => {
    // Only the integrity check sees this at open: the schema reads fine, the license row's page does not.
    const c = await install();
    const bytes = fs.readFileSync(c.file);
    const pageSize = bytes.readUInt16BE(16);
    garbageBytes(bytes.length - pageSize, 23).copy(bytes, pageSize);
    fs.writeFileSync(c.file, bytes);
    await expectMovedAsideAndRestored(c);
  });

  it('F5 zero-length → moved aside (the empty file kept) and restored', async () => {
    const c = await install();
    fs.writeFileSync(c.file, '');
    await expectMovedAsideAndRestored(c);
  });

  it('F6 not SQLite at all (a PNG) → moved aside and restored', async () => {
    const c = await install();
    fs.writeFileSync(c.file, Buffer.concat([PNG_HEADER, garbageBytes(4096)]));
    await expectMovedAsideAndRestored(c);
  });

  it('F7 the license table dropped → moved aside and restored', async () => {
    const c = await install();
    editStore(c.file, (db) => db.exec('DROP TABLE license'));
    await expectMovedAsideAndRestored(c);
  });

  it('F8 a column the app reads dropped → moved aside and restored', async () => {
    const c = await install();
    editStore(c.file, (db) => db.exec('ALTER TABLE license DROP COLUMN placed_renewal'));
    await expectMovedAsideAndRestored(c);
  });

  it('F9 the app_state table dropped (watermark and all) → moved aside and restored', async () => {
    const c = await install();
    editStore(c.file, (db) => db.exec('DROP TABLE app_state'));
    await expectMovedAsideAndRestored(c);
  });

  it('F10 user_version reset to 0 (the migrations cannot run again) → moved aside and restored', async () => {
    const c = await install();
    editStore(c.file, (db) => db.pragma('user_version = 0'));
    await expectMovedAsideAndRestored(c);
  });

  it('F11 a newer user_version → store-unavailable (database-too-new), the file is not moved nor changed', async () => {
    const c = await install();
    let supported = 0;
    editStore(c.file, (db) => {
      supported = Number(db.pragma('user_version', { simple: true }));
      db.pragma('user_version = 99');
    });
    const before = fs.readFileSync(c.file);
    const a = app(c.file, c.machineId, { serviceUrl: server.url });
    try {
      expect(a.launch.state()).toMatchObject({
        screen: 'store-unavailable',
        canStart: false,
        problem: 'database-too-new',
        license: null,
      });
      await expect(a.launch.activate(c.number)).rejects.toMatchObject({ code: 'database-too-new' });
      expect((await a.launch.recheck()).problem).toBe('database-too-new');
      expect(brokenCopies(c.file)).toEqual([]);
      expect(fs.readFileSync(c.file).equals(before)).toBe(true);
      // The newer program's database is left as it was: back at the supported version, it opens with the license.
      editStore(c.file, (db) => db.pragma(`user_version = ${supported}`));
      expect(await a.launch.recheck()).toMatchObject({ ...RUNS, license: { termEnd: SHORT_END } });
    } finally {
      a.close();
    }
    expectStopsAfterTerm(c);
  });

  it('F12 WAL left behind by a crash → its committed writes are recovered, the launch is normal', async () => {
    const c = await install();
    const crashed = path.join(c.dir, 'crashed.sqlite');
    const writer = new Database(c.file);
    try {
      writer.prepare("UPDATE license SET last_online_check = '2026-11-22T00:30:00.000Z'").run();
      // Copied while the writer still has the file open: the committed write lives only in the WAL.
      expect(fs.statSync(`${c.file}-wal`).size).toBeGreaterThan(0);
      for (const suffix of ['', '-wal', '-shm']) fs.copyFileSync(c.file + suffix, crashed + suffix);
    } finally {
      writer.close();
    }
    const copy = { ...c, file: crashed };
    expect(look(copy)).toMatchObject({ ...RUNS, online: { lastCheck: '2026-11-22T00:30:00.000Z' } });
    expect(brokenCopies(crashed)).toEqual([]);
    expectStopsAfterTerm(copy);
  });

  it('F13 garbage WAL and SHM files left next to a sound store → ignored, the launch is normal', async () => {
    const c = await install();
    fs.writeFileSync(`${c.file}-wal`, garbageBytes(4096, 3));
    fs.writeFileSync(`${c.file}-shm`, garbageBytes(32768, 5));
    expect(look(c)).toMatchObject({ ...RUNS, license: { termEnd: SHORT_END } });
    expect(brokenCopies(c.file)).toEqual([]);
    expectStopsAfterTerm(c);
  });

  const damagedWithCompanions = async () => {
    const c = await install();
    fs.writeFileSync(c.file, garbageBytes(8192, 13));
    fs.writeFileSync(`${c.file}-wal`, garbageBytes(4096, 17));
    fs.writeFileSync(`${c.file}-shm`, garbageBytes(32768, 19));
    return c;
  };

  it('F14 a damaged store with WAL and SHM files beside it → the store moved aside, then restored', async () => {
    await expectMovedAsideAndRestored(await damagedWithCompanions());
  });

  it('F14b … and its WAL and SHM kept beside the moved copy', async () => {
    await expectMovedAsideAndRestored(await damagedWithCompanions(), ['-wal', '-shm']);
  });

  it('F15 locked by another program (exclusive locking mode, write transaction) → store-unavailable (database-locked) after the busy wait, not moved; opens once released', async () => {
    const { c, holder, launch } = locked;
    expect(await launch).toMatchObject({
      screen: 'store-unavailable',
      canStart: false,
      problem: 'database-locked',
      license: null,
    });
    expect(brokenCopies(c.file)).toEqual([]);
    holder.exec('ROLLBACK');
    holder.close();
    expect(look(c)).toMatchObject({ ...RUNS, license: { termEnd: SHORT_END } });
    expectStopsAfterTerm(c);
  });

  it('F16 read-only file in a writable folder (opened by a user who may not write it) → runs, bookkeeping writes fail silently', async () => {
    const { c, before, launch } = readOnlyFile;
    expect(await launch).toMatchObject({ ...RUNS, license: { termEnd: SHORT_END } });
    expect(fs.readFileSync(c.file).equals(before)).toBe(true);
    expect(brokenCopies(c.file)).toEqual([]);
    // The watermark could not be raised to the launch's time (T0 + 1 h): the write failed, the launch answered.
    const seen = new Database(c.file, { readonly: true });
    try {
      expect(seen.prepare("SELECT value FROM app_state WHERE key = 'latest_seen'").pluck().get()).toBe(T0.toISOString());
    } finally {
      seen.close();
    }
  });

  it('F17 read-only file in a read-only folder → store-unavailable (database-unreadable), nothing moved or changed', async () => {
    const { c, before, launch } = readOnlyDir;
    expect(await launch).toMatchObject({
      screen: 'store-unavailable',
      canStart: false,
      problem: 'database-unreadable',
      license: null,
    });
    expect(fs.readFileSync(c.file).equals(before)).toBe(true);
    expect(fs.readdirSync(c.dir).sort()).toEqual(['license-public-key.pem', 'license.sqlite']);
  });
});
