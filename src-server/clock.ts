import { type ServerDatabase } from './store/database';

export type Clock = () => Date;

/**
 * The service's clock. In demo mode the admin CLI can move it forward (stored offset) to show reminders,
 * expiry and lapsed orders without waiting; outside demo mode the offset is ignored entirely.
 */
export function serviceClock(db: ServerDatabase, demo: boolean, base: Clock = () => new Date()): Clock {
  if (!demo) return base;
  const read = db.prepare<[], { offset_ms: number }>('SELECT offset_ms FROM demo_clock WHERE id = 1');
  return () => new Date(base().getTime() + (read.get()?.offset_ms ?? 0));
}

export function moveDemoClock(db: ServerDatabase, byMs: number): number {
  db.prepare(
    'INSERT INTO demo_clock (id, offset_ms) VALUES (1, ?) ON CONFLICT(id) DO UPDATE SET offset_ms = offset_ms + excluded.offset_ms',
  ).run(byMs);
  return db.prepare<[], { offset_ms: number }>('SELECT offset_ms FROM demo_clock WHERE id = 1').get()!.offset_ms;
}
