import { z } from 'zod';
import { PlacedRenewalSchema, type PlacedRenewal } from '../../src-shared/contracts/http';
import { type SignedLicense } from '../../src-shared/contracts/signed-license';
import { ERROR_CODES, type ErrorCode } from '../../src-shared/contracts/error-codes';
import { instantToEpochMs } from '../../src-shared/licensing';
import { type AppDatabase } from './app-database';

function readableInstant(value: string): boolean {
  try {
    return Number.isFinite(instantToEpochMs(value));
  } catch {
    return false;
  }
}

/** What the service said that stopped this license on this device (a validation refusal), kept until re-activation. */
export const STOPPED_AS = ['moved', 'revoked', 'cancelled', 'unknown-license'] as const;
export type StoppedAs = (typeof STOPPED_AS)[number];

/**
 * Only `signed` is trusted, after verification. Everything else in the row is unsigned bookkeeping: it is parsed
 * on read and a value that does not parse reads as null, so garbage in one column never breaks a status call.
 */
export type StoredLicense = {
  signed: SignedLicense;
  storedAt: string | null;
  lastOnlineCheck: string | null;
  lastAttempt: string | null;
  lastError: ErrorCode | null;
  stoppedAs: StoppedAs | null;
  placedRenewal: PlacedRenewal | null;
};

// Also computable by the licensing rules: zod accepts a few instants (year 0, ten fraction digits) they refuse.
const Instant = z.iso.datetime({ offset: true }).refine((v) => readableInstant(v));
const parseOr = <T>(schema: z.ZodType<T>, value: unknown): T | null => {
  const result = schema.safeParse(value);
  return result.success ? result.data : null;
};
const parseJsonOr = <T>(schema: z.ZodType<T>, text: unknown): T | null => {
  if (typeof text !== 'string') return null;
  try {
    return parseOr(schema, JSON.parse(text));
  } catch {
    return null;
  }
};

type Row = Record<string, unknown>;

/** The outcome of one online check, as the launch service records it. */
export type CheckRecord = { at: string; error: ErrorCode | null };

/** The store the launch and license services need: an interface, so unit tests can use a plain fake. */
export interface LicenseStorePort {
  load(): StoredLicense | null;
  save(signed: SignedLicense, nowIso: string): void;
  recordCheck(check: CheckRecord, placedRenewal?: PlacedRenewal | null): void;
  markStopped(as: StoppedAs, at: string): void;
  latestSeen(): string | null;
  raiseLatestSeen(instant: string): void;
  resetLatestSeen(instant: string): void;
  noticeShown(code: string, termEnd: string): boolean;
  recordNoticeShown(code: string, termEnd: string, at: string): void;
  demoClockOffsetMs(): number;
  setDemoClockOffsetMs(offset: number): void;
}

/** Keeps the one signed license of this installation exactly as the service sent it, plus validated bookkeeping. */
export class LicenseStore implements LicenseStorePort {
  constructor(private readonly db: AppDatabase) {}

  load(): StoredLicense | null {
    const row = this.db.prepare<[], Row>('SELECT * FROM license WHERE id = 1').get();
    if (!row) return null;
    return {
      signed: { payload: String(row.payload), signature: String(row.signature), keyId: String(row.key_id) },
      storedAt: parseOr(Instant, row.stored_at),
      lastOnlineCheck: parseOr(Instant, row.last_online_check),
      lastAttempt: parseOr(Instant, row.last_attempt),
      lastError: parseOr(z.enum(ERROR_CODES), row.last_error),
      stoppedAs: parseOr(z.enum(STOPPED_AS), row.stopped_as),
      placedRenewal: parseJsonOr(PlacedRenewalSchema, row.placed_renewal),
    };
  }

  /** Replaces the stored license; called only with a license whose signature has been verified. */
  save(signed: SignedLicense, nowIso: string): void {
    this.db
      .prepare(
        `INSERT INTO license (id, payload, signature, key_id, stored_at, last_online_check, last_attempt, last_error, stopped_as)
         VALUES (1, ?, ?, ?, ?, ?, ?, NULL, NULL)
         ON CONFLICT(id) DO UPDATE SET payload = excluded.payload, signature = excluded.signature,
           key_id = excluded.key_id, stored_at = excluded.stored_at, last_online_check = excluded.last_online_check,
           last_attempt = excluded.last_attempt, last_error = NULL, stopped_as = NULL`,
      )
      .run(signed.payload, signed.signature, signed.keyId, nowIso, nowIso, nowIso);
  }

  recordCheck(check: CheckRecord, placedRenewal?: PlacedRenewal | null): void {
    if (placedRenewal === undefined) {
      this.db.prepare('UPDATE license SET last_attempt = ?, last_error = ? WHERE id = 1').run(check.at, check.error);
      return;
    }
    this.db
      .prepare('UPDATE license SET last_attempt = ?, last_error = ?, placed_renewal = ? WHERE id = 1')
      .run(check.at, check.error, placedRenewal === null ? null : JSON.stringify(placedRenewal));
  }

  markStopped(as: StoppedAs, at: string): void {
    this.db.prepare('UPDATE license SET stopped_as = ?, last_attempt = ?, last_error = ? WHERE id = 1').run(as, at, as);
  }

  latestSeen(): string | null {
    return parseOr(Instant, this.value('latest_seen'));
  }

  /** Moves the watermark forward only; an earlier instant is ignored. */
  raiseLatestSeen(instant: string): void {
    const current = this.latestSeen();
    if (current !== null && Date.parse(current) >= Date.parse(instant)) return;
    this.setValue('latest_seen', new Date(Date.parse(instant)).toISOString());
  }

  /** Sets the watermark to a time signed by the service, even backwards: a local clock that ran ahead is forgiven. */
  resetLatestSeen(instant: string): void {
    this.setValue('latest_seen', new Date(Date.parse(instant)).toISOString());
  }

  noticeShown(code: string, termEnd: string): boolean {
    return this.db.prepare('SELECT 1 FROM notices_shown WHERE code = ? AND term_end = ?').get(code, termEnd) !== undefined;
  }

  recordNoticeShown(code: string, termEnd: string, at: string): void {
    this.db.prepare('INSERT OR IGNORE INTO notices_shown (code, term_end, shown_at) VALUES (?, ?, ?)').run(code, termEnd, at);
  }

  demoClockOffsetMs(): number {
    return (
      parseOr(
        z.coerce
          .number()
          .int()
          .min(0)
          .max(3_650 * 86_400_000),
        this.value('demo_clock_offset_ms'),
      ) ?? 0
    );
  }

  setDemoClockOffsetMs(offset: number): void {
    this.setValue('demo_clock_offset_ms', String(Math.max(0, Math.round(offset))));
  }

  private value(key: string): unknown {
    return this.db.prepare<[string], { value: unknown }>('SELECT value FROM app_state WHERE key = ?').get(key)?.value ?? null;
  }

  private setValue(key: string, value: string): void {
    this.db
      .prepare('INSERT INTO app_state (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value')
      .run(key, value);
  }
}
