import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { type ErrorCode } from '../../src-shared/contracts/error-codes';
import { prepareDatabase } from '../../src-shared/storage/migrations';
import { type AppDatabase } from './app-database';
import { appMigrations } from './app-migrations';

export type StoreOpening =
  | { db: AppDatabase; problem: 'database-recovered' | null; movedAside: string | null }
  | { db: null; problem: 'database-too-new' | 'database-locked' | 'database-unreadable'; movedAside: null };

class BrokenStore extends Error {}

/** The columns and tables the app reads; a file that lacks one was damaged or edited, and is treated as broken. */
const SCHEMA_PROBES = [
  'SELECT id, payload, signature, key_id, stored_at, last_online_check, last_attempt, last_error, stopped_as, placed_renewal FROM license LIMIT 0',
  'SELECT key, value FROM app_state LIMIT 0',
  'SELECT code, term_end, shown_at FROM notices_shown LIMIT 0',
  'SELECT id, license_number, state, updated_at FROM renewal_wizard LIMIT 0',
];

function openChecked(file: string, nativeBinding?: string): AppDatabase {
  if (fs.existsSync(file) && fs.statSync(file).size === 0) throw new BrokenStore('empty file');
  const db = new Database(file, nativeBinding ? { nativeBinding } : {});
  try {
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new BrokenStore(`quick_check: ${String(check)}`);
  } catch (error) {
    db.close();
    throw error;
  }
  prepareDatabase(db, appMigrations);
  try {
    for (const probe of SCHEMA_PROBES) db.prepare(probe);
  } catch (error) {
    db.close();
    throw new BrokenStore(`schema: ${(error as Error).message}`);
  }
  return db;
}

function sqliteCode(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : '';
}

/** Broken means the file itself is damaged: not SQLite, corrupt, empty, or missing what the app reads. */
function isBroken(error: unknown): boolean {
  if (error instanceof BrokenStore) return true;
  const code = sqliteCode(error);
  return code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_ERROR' || code === 'SQLITE_FORMAT';
}

function unavailable(error: unknown): ErrorCode {
  const code = sqliteCode(error);
  if (code === 'database-too-new') return 'database-too-new';
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return 'database-locked';
  return 'database-unreadable';
}

const COMPANIONS = ['-wal', '-shm'] as const;

/**
 * SQLite removes a WAL and SHM when it closes a file it could not use, before we could move them aside with it;
 * so any companions left by a crash are copied first, and the copies dropped once the file has opened.
 */
function keepCompanions(file: string): Map<string, string> {
  const kept = new Map<string, string>();
  for (const suffix of COMPANIONS) {
    const companion = file + suffix;
    if (!fs.existsSync(companion)) continue;
    // A copy, not a hard link: SQLite may rewrite the companion in place while it tries the file.
    const keep = `${companion}.kept-${process.pid}`;
    fs.copyFileSync(companion, keep);
    kept.set(suffix, keep);
  }
  return kept;
}

function dropKept(kept: Map<string, string>): void {
  for (const keep of kept.values()) fs.rmSync(keep, { force: true });
}

/** Renames the damaged file (and its WAL/SHM companions) aside, kept for support, named with when it happened. */
function moveAside(file: string, now: Date, kept: Map<string, string>): string {
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  let target = `${file}.broken-${stamp}`;
  // Two recoveries in the same second must not overwrite the first copy.
  for (let n = 2; fs.existsSync(target); n++) target = `${file}.broken-${stamp}-${n}`;
  fs.renameSync(file, target);
  for (const suffix of COMPANIONS) {
    const keep = kept.get(suffix);
    if (keep) fs.renameSync(keep, target + suffix);
    else if (fs.existsSync(file + suffix)) fs.renameSync(file + suffix, target + suffix);
    fs.rmSync(file + suffix, { force: true });
  }
  return target;
}

/**
 * Opens the license store, never leaving the user in a crash loop: a damaged file is moved aside and a fresh one
 * created (the user re-activates and the service restores the license); a newer program's database or a file held
 * by another program is left untouched and reported, so nothing is lost.
 */
export function openAppStore(file: string, options: { nativeBinding?: string; now?: () => Date } = {}): StoreOpening {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  let kept = new Map<string, string>();
  try {
    kept = keepCompanions(file);
  } catch {
    // A folder we cannot write in: nothing to keep, and opening will say what is wrong.
  }
  try {
    const db = openChecked(file, options.nativeBinding);
    dropKept(kept);
    return { db, problem: null, movedAside: null };
  } catch (error) {
    if (!isBroken(error)) {
      dropKept(kept);
      return { db: null, problem: unavailable(error) as never, movedAside: null };
    }
    let movedAside: string;
    try {
      movedAside = moveAside(file, (options.now ?? (() => new Date()))(), kept);
    } catch {
      dropKept(kept);
      return { db: null, problem: 'database-unreadable', movedAside: null };
    }
    try {
      return { db: openChecked(file, options.nativeBinding), problem: 'database-recovered', movedAside };
    } catch (second) {
      return { db: null, problem: unavailable(second) as never, movedAside: null };
    }
  }
}
