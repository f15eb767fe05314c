/** Where the app reads the time. Only the demo mode ever moves it, and only forward of the real clock. */
export interface AppClock {
  now(): Date;
}

export type DemoOffsetStore = { demoClockOffsetMs(): number; setDemoClockOffsetMs(offset: number): void };

/**
 * The machine's clock, plus the license service's demo offset when the app follows a demo service (development and
 * the browser host only). The offset is stored, so the next start shows the same day before the service answers.
 */
export class SystemClock implements AppClock {
  private offsetMs: number;

  constructor(
    private readonly demo: DemoOffsetStore | null,
    private readonly base: () => number = Date.now,
  ) {
    this.offsetMs = demo?.demoClockOffsetMs() ?? 0;
  }

  now(): Date {
    return new Date(this.base() + this.offsetMs);
  }

  /** The service's `x-demo-clock`: the app's days move with it (never backwards of the real clock). */
  observeDemoClock(instant: string): void {
    if (!this.demo) return;
    const at = Date.parse(instant);
    if (!Number.isFinite(at)) return;
    // Rounded to a minute so request latency does not rewrite the store on every answer.
    const offset = Math.max(0, Math.round((at - this.base()) / 60_000) * 60_000);
    if (offset === this.offsetMs) return;
    this.offsetMs = offset;
    this.demo.setDemoClockOffsetMs(offset);
  }
}
