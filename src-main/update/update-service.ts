import { CodedError } from '../../src-shared/contracts/coded-error';
import { type ErrorCode } from '../../src-shared/contracts/error-codes';
import { type LaunchState } from '../../src-shared/ipc/launch-state';
import { messages } from '../../src-shared/messages';
import { type UpdateDisabledReason, type UpdateInstall, type UpdateState } from '../../src-shared/update/update-state';
import { realScheduler, type Scheduler } from '../launch/retry-policy';
import { type Notifier } from '../ports/notifier';
import { type ReleaseInfo, type Updater, type UpdaterEvent } from '../ports/updater';
import { LICENSE_TOKEN_HEADER } from './license-token';
import { updateErrorCode } from './update-error';
import { type Logger } from '../log/app-log';

export type UpdateEvents = { emit(event: 'update:state', payload: UpdateState): void };

export type UpdateServiceDeps = {
  updater: Updater;
  /** The generic feed's base URL: `${serviceUrl}/updates`. */
  feedUrl: string;
  /** The launch decision from what is stored (signed term, placed renewal); null while the store is unavailable. */
  launchState: () => LaunchState | null;
  /** The stored signed license as the feed's token (`x-license-token`), null when there is none to send. */
  token: () => string | null;
  events: UpdateEvents;
  notifier: Notifier;
  log: Logger;
  /** How often to ask the feed while the app runs. */
  intervalMs: number;
  /** The first check after start: a moment after launch, so it does not compete with the launch's own check. */
  firstCheckDelayMs?: number;
  scheduler?: Scheduler;
};

const STOPPED = new Set(['moved', 'revoked', 'cancelled']);
type UpdateStep = 'check' | 'download' | 'install';

/**
 * Why the app does not ask for updates, or null when it may. It asks only while the signed term runs or a renewal
 * is placed and not yet lapsed (SPEC §6, §8: a placed renewal may already download updates), and not while the
 * signed support state is suspended (seed 003). The service decides in the end; this only keeps the app from asking
 * when it knows the answer.
 */
export function updateDisabledReason(state: LaunchState | null, canUpdate: boolean): UpdateDisabledReason | null {
  const license = state?.license ?? null;
  if (!state || !license) return 'not-activated';
  if (STOPPED.has(license.state)) return 'license-stopped';
  const termRuns = license.daysRemaining >= 0;
  const renewalPlaced = state.renewal.placed?.state === 'pending';
  if (!termRuns && !renewalPlaced) return 'term-ended';
  // Seed 003: a suspended support ID gets no updates until the license that ended is renewed (or all are aligned).
  if (license.support?.state === 'suspended') return 'support-suspended';
  if (!canUpdate) return 'development';
  return null;
}

/**
 * The app's side of updates: decides whether to ask, asks at launch and on a schedule with the signed license as
 * a request header, keeps downloads manual (the user presses ダウンロードする), turns the updater's events into the
 * shared state union pushed as `update:state`, and tells the OS once per version when a download is ready.
 */
export class UpdateService {
  private current: UpdateState = { status: 'idle' };
  private release: ReleaseInfo | null = null;
  private step: UpdateStep = 'check';
  private timer: unknown = null;
  private running = false;
  private checking: Promise<void> | null = null;
  private readonly notified = new Set<string>();
  private readonly scheduler: Scheduler;
  private readonly unsubscribe: () => void;

  constructor(private readonly deps: UpdateServiceDeps) {
    this.scheduler = deps.scheduler ?? realScheduler;
    this.unsubscribe = deps.updater.onEvent((event) => this.apply(event));
  }

  /** Evaluates whether to ask, then checks shortly after launch and every `intervalMs`. */
  start(): void {
    this.running = true;
    this.refresh();
    this.schedule(this.deps.firstCheckDelayMs ?? 1_000);
  }

  stop(): void {
    this.running = false;
    if (this.timer !== null) this.scheduler.clearTimeout(this.timer);
    this.timer = null;
    this.unsubscribe();
  }

  state(): UpdateState {
    return this.current;
  }

  /**
   * Re-reads the launch state (after activation, a validation, a paid renewal): updates become disabled when the
   * term ended, and a license that newly may ask (a renewal placed) is checked at once.
   */
  refresh(): void {
    const reason = this.disabledReason();
    if (reason) {
      // A download under way or finished was allowed when it started; it is kept, not taken back.
      if (this.current.status !== 'downloading' && this.current.status !== 'downloaded') {
        this.release = null;
        this.set({ status: 'disabled', reason });
      }
      return;
    }
    if (this.current.status === 'disabled') {
      this.set({ status: 'idle' });
      if (this.running) this.schedule(0);
    }
  }

  /** Asks the feed now (never while disabled, downloading or downloaded); answers once the check ended. */
  async check(): Promise<UpdateState> {
    this.refresh();
    const status = this.current.status;
    if (status === 'disabled' || status === 'downloading' || status === 'downloaded') return this.current;
    if (!this.checking) {
      this.checking = this.runCheck().finally(() => (this.checking = null));
    }
    await this.checking;
    return this.current;
  }

  /** Starts downloading the release the last check found; answers at once, progress follows as events. */
  download(): UpdateState {
    this.refresh();
    const status = this.current.status;
    if (status === 'downloading' || status === 'downloaded') return this.current;
    const release = this.release;
    const retryable = status === 'available' || (status === 'error' && this.step !== 'check');
    if (!release || !retryable) throw new CodedError('update-not-ready');
    if (!this.configure()) throw new CodedError('update-token-required');
    this.step = 'download';
    this.set({ status: 'downloading', version: release.version, percent: 0, bytesPerSecond: 0, transferred: 0, total: 0 });
    this.deps.updater.download().catch((error: unknown) => this.failWith('download', error));
    return this.current;
  }

  /** 再起動して更新する: only for a downloaded release. */
  install(): UpdateInstall {
    if (this.current.status !== 'downloaded') throw new CodedError('update-not-ready');
    this.step = 'install';
    try {
      const { simulated } = this.deps.updater.install();
      return { installing: true, simulated };
    } catch (error) {
      this.failWith('install', error);
      throw new CodedError(updateErrorCode(error));
    }
  }

  private async runCheck(): Promise<void> {
    if (!this.configure()) {
      this.set({ status: 'disabled', reason: 'not-activated' });
      return;
    }
    this.step = 'check';
    // A prompt already on screen stays put while the schedule asks again; the answer replaces it if it differs.
    if (this.current.status !== 'available') this.set({ status: 'checking' });
    try {
      await this.deps.updater.check();
    } catch (error) {
      this.failWith('check', error);
    }
  }

  /** Points the updater at the feed with the current token; false when there is no license to send. */
  private configure(): boolean {
    const token = this.deps.token();
    if (!token) return false;
    this.deps.updater.configure({ url: this.deps.feedUrl, headers: { [LICENSE_TOKEN_HEADER]: token } });
    return true;
  }

  private apply(event: UpdaterEvent): void {
    switch (event.type) {
      case 'checking':
        if (this.current.status !== 'downloading' && this.current.status !== 'available') this.set({ status: 'checking' });
        return;
      case 'available':
        this.release = event.release;
        this.set({
          status: 'available',
          version: event.release.version,
          releaseNotes: event.release.releaseNotes,
          date: event.release.releaseDate,
        });
        return;
      case 'not-available':
        this.release = null;
        this.set({ status: 'not-available' });
        return;
      case 'progress': {
        const version = this.release?.version;
        if (!version || this.current.status === 'downloaded') return;
        this.set({
          status: 'downloading',
          version,
          percent: clamp(event.percent, 0, 100),
          bytesPerSecond: Math.max(0, event.bytesPerSecond),
          transferred: Math.max(0, Math.floor(event.transferred)),
          total: Math.max(0, Math.floor(event.total)),
        });
        return;
      }
      case 'downloaded':
        this.set({ status: 'downloaded', version: event.version });
        this.notifyDownloaded(event.version);
        return;
      case 'error':
        this.fail(this.step, event.code);
        return;
    }
  }

  private notifyDownloaded(version: string): void {
    if (this.notified.has(version)) return;
    this.notified.add(version);
    const text = messages.ja.update.notification;
    try {
      this.deps.notifier.show({ title: text.title, body: text.body.replace('{{version}}', version) });
    } catch (error) {
      this.deps.log.error('update notification failed', error);
    }
  }

  private failWith(during: UpdateStep, error: unknown): void {
    this.deps.log.error(`update ${during} failed`, error);
    this.fail(during, updateErrorCode(error));
  }

  private fail(during: UpdateStep, code: ErrorCode): void {
    // A download already finished stays usable whatever a later check or a stray updater error says.
    if (this.current.status === 'downloaded' && during !== 'install') return;
    this.set({ status: 'error', code, during });
  }

  private set(next: UpdateState): void {
    if (JSON.stringify(next) === JSON.stringify(this.current)) return;
    this.current = next;
    try {
      this.deps.events.emit('update:state', next);
    } catch (error) {
      this.deps.log.error('update state not sent', error);
    }
  }

  private disabledReason(): UpdateDisabledReason | null {
    let state: LaunchState | null;
    try {
      state = this.deps.launchState();
    } catch {
      state = null;
    }
    return updateDisabledReason(state, this.deps.updater.canUpdate);
  }

  private schedule(delayMs: number): void {
    if (!this.running) return;
    if (this.timer !== null) this.scheduler.clearTimeout(this.timer);
    this.timer = this.scheduler.setTimeout(() => {
      this.timer = null;
      void this.check().finally(() => this.schedule(this.deps.intervalMs));
    }, delayMs);
  }
}

function clamp(value: number, min: number, max: number): number {
  return Number.isFinite(value) ? Math.min(max, Math.max(min, value)) : min;
}
