import { type SqlSession } from './store/store';

export type Clock = () => Date;

/** The service's clock, and how to bring it up to date with the database (the demo offset) before a request. */
export type ServiceClock = { clock: Clock; refresh: () => Promise<void> };

/**
 * The service's clock. In demo mode the admin CLI can move it forward (stored offset) to show reminders,
 * expiry and lapsed orders without waiting; outside demo mode the offset is ignored entirely. The offset is read
 * by `refresh` (before every request and every reminder run), so the clock itself stays a plain synchronous call.
 */
export function serviceClock(sql: SqlSession, demo: boolean, base: Clock = () => new Date()): ServiceClock {
  if (!demo) return { clock: base, refresh: () => Promise.resolve() };
  let offsetMs = 0;
  return {
    clock: () => new Date(base().getTime() + offsetMs),
    refresh: async () => {
      offsetMs = (await sql.get<{ offset_ms: number }>('SELECT offset_ms FROM demo_clock WHERE id = 1'))?.offset_ms ?? 0;
    },
  };
}

export async function moveDemoClock(sql: SqlSession, byMs: number): Promise<number> {
  await sql.run(
    `INSERT INTO demo_clock (id, offset_ms) VALUES (1, ?)
       ON CONFLICT(id) DO UPDATE SET offset_ms = demo_clock.offset_ms + excluded.offset_ms`,
    [byMs],
  );
  return (await sql.get<{ offset_ms: number }>('SELECT offset_ms FROM demo_clock WHERE id = 1'))!.offset_ms;
}
