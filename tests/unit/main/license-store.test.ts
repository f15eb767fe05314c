import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { prepareDatabase } from '../../../src-shared/storage/migrations';
import { appMigrations } from '../../../src-main/store/app-migrations';
import { LicenseStore } from '../../../src-main/store/license-store';

const SIGNED = { payload: '{"v":1}', signature: 'c2lnbmF0dXJl', keyId: 'key-1' };
const AT = '2026-11-22T01:00:00.000Z';

function store() {
  const db = prepareDatabase(new Database(':memory:'), appMigrations);
  return { db, store: new LicenseStore(db) };
}

function withRow(values: Record<string, unknown>) {
  const s = store();
  s.store.save(SIGNED, AT);
  for (const [column, value] of Object.entries(values)) s.db.prepare(`UPDATE license SET ${column} = ? WHERE id = 1`).run(value);
  return s;
}

describe('the license row', () => {
  it('is absent until a license is saved', () => {
    expect(store().store.load()).toBeNull();
  });

  it('keeps the signed license exactly and starts the bookkeeping afresh on save', () => {
    const { store: s } = withRow({ last_error: 'service-unreachable', stopped_as: 'moved' });
    s.save({ ...SIGNED, keyId: 'key-2' }, '2026-11-23T00:00:00.000Z');
    expect(s.load()).toEqual({
      signed: { ...SIGNED, keyId: 'key-2' },
      storedAt: '2026-11-23T00:00:00.000Z',
      lastOnlineCheck: '2026-11-23T00:00:00.000Z',
      lastAttempt: '2026-11-23T00:00:00.000Z',
      lastError: null,
      stoppedAs: null,
      placedRenewal: null,
    });
  });

  it('records a check, with or without what the service said of a placed renewal', () => {
    const { store: s } = withRow({});
    const renewal = { orderId: 'o-1', state: 'pending' as const, method: 'card' as const, dueOn: null };
    s.recordCheck({ at: '2026-11-22T02:00:00.000Z', error: null }, renewal);
    expect(s.load()).toMatchObject({ lastAttempt: '2026-11-22T02:00:00.000Z', lastError: null, placedRenewal: renewal });
    s.recordCheck({ at: '2026-11-22T03:00:00.000Z', error: 'service-unreachable' });
    expect(s.load()).toMatchObject({ lastError: 'service-unreachable', placedRenewal: renewal, lastOnlineCheck: AT });
    s.recordCheck({ at: '2026-11-22T04:00:00.000Z', error: null }, null);
    expect(s.load()).toMatchObject({ placedRenewal: null });
    // A later save keeps the placed renewal: only a validation says whether it is still unpaid.
    s.recordCheck({ at: '2026-11-22T04:00:00.000Z', error: null }, renewal);
    s.save(SIGNED, '2026-11-22T05:00:00.000Z');
    expect(s.load()?.placedRenewal).toEqual(renewal);
  });

  it('marks a stop said by the service', () => {
    const { store: s } = withRow({});
    s.markStopped('revoked', '2026-11-22T02:00:00.000Z');
    expect(s.load()).toMatchObject({ stoppedAs: 'revoked', lastError: 'revoked', lastAttempt: '2026-11-22T02:00:00.000Z' });
  });
});

describe('validated reads of the unsigned columns', () => {
  it.each([
    ['stored_at', 'storedAt', 'yesterday'],
    ['stored_at', 'storedAt', 12345],
    ['last_online_check', 'lastOnlineCheck', '2026-11-22 01:00:00'],
    ['last_online_check', 'lastOnlineCheck', '0000-01-01T00:00:00Z'],
    ['last_online_check', 'lastOnlineCheck', '2026-11-22T01:00:00.1234567891Z'],
    ['last_attempt', 'lastAttempt', Buffer.from('2026-11-22T01:00:00Z')],
    ['last_error', 'lastError', 'not-a-code'],
    ['last_error', 'lastError', 1],
    ['stopped_as', 'stoppedAs', 'MOVED'],
    ['stopped_as', 'stoppedAs', 'internal'],
    ['placed_renewal', 'placedRenewal', '{"orderId":'],
    ['placed_renewal', 'placedRenewal', '{"orderId":"o","state":"paid","method":"card","dueOn":null}'],
    ['placed_renewal', 'placedRenewal', 42],
  ] as const)('%s (%s) = %j reads as null', (column, field, value) => {
    const { store: s } = withRow({ [column]: value });
    expect(s.load()?.[field]).toBeNull();
  });

  it.each([
    ['last_online_check', 'lastOnlineCheck', '2026-11-22T10:00:00+09:00'],
    ['last_error', 'lastError', 'service-unreachable'],
    ['stopped_as', 'stoppedAs', 'unknown-license'],
  ] as const)('%s (%s) = %j reads as it is', (column, field, value) => {
    expect(withRow({ [column]: value }).store.load()?.[field]).toBe(value);
  });

  it('reads the signed columns as text whatever type they were given (verification then refuses them)', () => {
    const { store: s } = withRow({ payload: 42, signature: Buffer.from('abc'), key_id: 7 });
    // SQLite stores a JS number bound to a TEXT column as its REAL text ('42.0'): a string either way.
    expect(s.load()?.signed).toEqual({
      payload: expect.stringMatching(/^42/),
      signature: 'abc',
      keyId: expect.stringMatching(/^7/),
    });
  });
});

describe('the clock watermark', () => {
  it('is unset at first', () => {
    expect(store().store.latestSeen()).toBeNull();
  });

  it('raiseLatestSeen only moves it forward', () => {
    const { store: s } = store();
    s.raiseLatestSeen('2026-11-22T01:00:00.000Z');
    expect(s.latestSeen()).toBe('2026-11-22T01:00:00.000Z');
    s.raiseLatestSeen('2026-11-22T00:59:59.999Z');
    expect(s.latestSeen()).toBe('2026-11-22T01:00:00.000Z');
    s.raiseLatestSeen('2026-11-22T01:00:00.000Z');
    expect(s.latestSeen()).toBe('2026-11-22T01:00:00.000Z');
    s.raiseLatestSeen('2026-11-22T01:00:00.001Z');
    expect(s.latestSeen()).toBe('2026-11-22T01:00:00.001Z');
  });

  it('compares instants, not text, and stores them in UTC', () => {
    const { store: s } = store();
    s.raiseLatestSeen('2026-11-22T01:00:00.000Z');
    s.raiseLatestSeen('2026-11-22T09:59:00+09:00'); // 00:59 UTC: earlier
    expect(s.latestSeen()).toBe('2026-11-22T01:00:00.000Z');
    s.raiseLatestSeen('2026-11-22T10:01:00+09:00');
    expect(s.latestSeen()).toBe('2026-11-22T01:01:00.000Z');
  });

  it('resetLatestSeen sets it, backwards too', () => {
    const { store: s } = store();
    s.raiseLatestSeen('2099-01-01T00:00:00.000Z');
    s.resetLatestSeen('2026-11-22T01:00:00.000Z');
    expect(s.latestSeen()).toBe('2026-11-22T01:00:00.000Z');
    s.resetLatestSeen('2026-11-23T01:00:00.000Z');
    expect(s.latestSeen()).toBe('2026-11-23T01:00:00.000Z');
  });

  it.each(['last tuesday', '0000-01-01T00:00:00Z', '2026-11-22T01:00:00.1234567891Z', '2026-02-30T00:00:00Z'])(
    'an edited value %j reads as unset, and the next raise replaces it',
    (value) => {
      const { db, store: s } = store();
      db.prepare("INSERT INTO app_state (key, value) VALUES ('latest_seen', ?)").run(value);
      expect(s.latestSeen()).toBeNull();
      s.raiseLatestSeen('2026-11-22T01:00:00.000Z');
      expect(s.latestSeen()).toBe('2026-11-22T01:00:00.000Z');
    },
  );
});

describe('notices shown and the demo clock offset', () => {
  it('records each reminder once per term end', () => {
    const { store: s } = store();
    expect(s.noticeShown('reminder-20-days', '2026-12-10')).toBe(false);
    s.recordNoticeShown('reminder-20-days', '2026-12-10', AT);
    s.recordNoticeShown('reminder-20-days', '2026-12-10', '2026-11-23T00:00:00.000Z');
    expect(s.noticeShown('reminder-20-days', '2026-12-10')).toBe(true);
    expect(s.noticeShown('reminder-20-days', '2027-12-10')).toBe(false);
    expect(s.noticeShown('reminder-2-months', '2026-12-10')).toBe(false);
  });

  it('reads an edited demo offset as none and never stores a negative one', () => {
    const { db, store: s } = store();
    expect(s.demoClockOffsetMs()).toBe(0);
    s.setDemoClockOffsetMs(45 * 86_400_000 + 0.4);
    expect(s.demoClockOffsetMs()).toBe(45 * 86_400_000);
    s.setDemoClockOffsetMs(-5);
    expect(s.demoClockOffsetMs()).toBe(0);
    for (const value of ['soon', '-86400000', String(3_651 * 86_400_000)]) {
      db.prepare("UPDATE app_state SET value = ? WHERE key = 'demo_clock_offset_ms'").run(value);
      expect(s.demoClockOffsetMs()).toBe(0);
    }
  });
});
