import { describe, expect, it } from 'vitest';
import { type LaunchState } from '../../../src-shared/ipc/launch-state';
import { type UpdateState, UpdateStateSchema } from '../../../src-shared/update/update-state';
import { EventHub } from '../../../src-main/ipc/event-hub';
import { createIpcHandlers } from '../../../src-main/ipc/ipc-handlers';
import { type UpdateFeed, type Updater, type UpdaterEvent } from '../../../src-main/ports/updater';
import { UpdateService, updateDisabledReason } from '../../../src-main/update/update-service';
import { sampleLaunchState, sampleLicense, sampleSuspendedSupport } from '../../fixtures/launch-state';

// The update service with a fake updater, a manual scheduler and the real event hub (which checks every payload
// against the shared schema): the term check, the token, the state union, and "update downloaded" told once.

const covered = (overrides: Partial<LaunchState> = {}): LaunchState =>
  sampleLaunchState({ canStart: true, screen: 'none', license: { ...sampleLicense }, ...overrides });
const expired = (overrides: Partial<LaunchState> = {}): LaunchState =>
  covered({ license: { ...sampleLicense, daysRemaining: -10 }, ...overrides });
const placed = (state: 'pending' | 'lapsed' | 'needs-support') => ({
  path: 'web-page' as const,
  windowOpen: true,
  opensOn: '2027-02-01',
  placed: { orderId: 'o-1', state, method: 'bank-transfer' as const, dueOn: '2026-12-06' },
});

class FakeUpdater implements Updater {
  canUpdate = true;
  feeds: UpdateFeed[] = [];
  checks = 0;
  downloads = 0;
  installs = 0;
  onCheck: () => Promise<void> = async () => {};
  onDownload: () => Promise<void> = async () => {};
  private readonly listeners = new Set<(event: UpdaterEvent) => void>();
  configure(feed: UpdateFeed) {
    this.feeds.push(feed);
  }
  check() {
    this.checks++;
    return this.onCheck();
  }
  download() {
    this.downloads++;
    return this.onDownload();
  }
  install() {
    this.installs++;
    return { simulated: false };
  }
  onEvent(listener: (event: UpdaterEvent) => void) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  emit(event: UpdaterEvent) {
    for (const listener of this.listeners) listener(event);
  }
}

function harness(launch: LaunchState | null = covered(), token: string | null = 'TOKEN') {
  const updater = new FakeUpdater();
  const events = new EventHub();
  const pushed: UpdateState[] = [];
  events.subscribe((event, payload) => event === 'update:state' && pushed.push(payload as UpdateState));
  const notified: { title: string; body: string }[] = [];
  const timers: { fn: () => void; ms: number }[] = [];
  const current = { launch, token };
  const service = new UpdateService({
    updater,
    feedUrl: 'http://127.0.0.1:8787/updates',
    launchState: () => current.launch,
    token: () => current.token,
    events,
    notifier: { show: (n) => notified.push(n) },
    log: { error: () => {} },
    intervalMs: 3_600_000,
    firstCheckDelayMs: 1_000,
    scheduler: {
      setTimeout: (fn, ms) => timers.push({ fn, ms }),
      clearTimeout: () => {},
    },
  });
  const available = () =>
    updater.emit({
      type: 'available',
      release: { version: '1.1.0', releaseNotes: '修正', releaseDate: '2026-11-20T01:00:00.000Z' },
    });
  return { updater, service, pushed, notified, timers, current, available };
}

describe('whether the app asks for updates', () => {
  it('asks while the signed term runs, the last day included', () => {
    expect(updateDisabledReason(covered(), true)).toBeNull();
    expect(updateDisabledReason(covered({ license: { ...sampleLicense, daysRemaining: 0 } }), true)).toBeNull();
  });

  it('does not ask once the term has ended, unless a renewal is placed and not lapsed', () => {
    expect(updateDisabledReason(expired(), true)).toBe('term-ended');
    expect(updateDisabledReason(expired({ renewal: placed('pending') }), true)).toBeNull();
    expect(updateDisabledReason(expired({ renewal: placed('lapsed') }), true)).toBe('term-ended');
    expect(updateDisabledReason(expired({ renewal: placed('needs-support') }), true)).toBe('term-ended');
  });

  it('does not ask without a license, for a stopped one, or in an unpackaged build', () => {
    expect(updateDisabledReason(sampleLaunchState(), true)).toBe('not-activated');
    expect(updateDisabledReason(null, true)).toBe('not-activated');
    expect(updateDisabledReason(covered({ license: { ...sampleLicense, state: 'moved' } }), true)).toBe('license-stopped');
    expect(updateDisabledReason(covered(), false)).toBe('development');
  });
});

const suspended = (overrides: Partial<LaunchState> = {}): LaunchState =>
  covered({ license: { ...sampleLicense, support: sampleSuspendedSupport }, notices: ['support-suspended'], ...overrides });

describe('whether the app asks for updates: several licenses of one customer (seed 003)', () => {
  it('does not ask while the signed support is suspended, even with a renewal of this license placed', () => {
    expect(updateDisabledReason(suspended(), true)).toBe('support-suspended');
    expect(updateDisabledReason(suspended({ renewal: placed('pending') }), true)).toBe('support-suspended');
    // A development build cannot update at all, but the suspension is the reason the user can act on.
    expect(updateDisabledReason(suspended(), false)).toBe('support-suspended');
  });

  it('an ended term still says term-ended; a stopped license still says license-stopped', () => {
    const license = { ...sampleLicense, support: sampleSuspendedSupport };
    expect(updateDisabledReason(covered({ license: { ...license, daysRemaining: -1 } }), true)).toBe('term-ended');
    expect(updateDisabledReason(covered({ license: { ...license, state: 'revoked' } }), true)).toBe('license-stopped');
  });

  it('asks as before for an active, ended-continues or absent support state', () => {
    for (const state of ['active', 'ended-continues'] as const) {
      expect(updateDisabledReason(covered({ license: { ...sampleLicense, support: { state } } }), true)).toBeNull();
    }
    expect(updateDisabledReason(covered(), true)).toBeNull();
  });
});

describe('UpdateService', () => {
  it('never asks the feed while suspended, says why, and asks at once when the suspension is lifted', async () => {
    const h = harness(suspended());
    h.service.start();
    expect(await h.service.check()).toEqual({ status: 'disabled', reason: 'support-suspended' });
    expect(h.updater.checks).toBe(0);
    expect(h.pushed).toEqual([{ status: 'disabled', reason: 'support-suspended' }]);
    h.current.launch = covered({ license: { ...sampleLicense, support: { state: 'active' } } });
    h.service.refresh();
    expect(h.service.state()).toEqual({ status: 'idle' });
    h.timers.at(-1)!.fn();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(h.updater.checks).toBe(1);
  });

  it('never asks the feed while the term has ended, and says why', async () => {
    const h = harness(expired());
    h.service.start();
    expect(await h.service.check()).toEqual({ status: 'disabled', reason: 'term-ended' });
    for (const timer of h.timers) timer.fn();
    expect(h.updater.checks).toBe(0);
    expect(h.updater.feeds).toEqual([]);
    expect(h.pushed).toEqual([{ status: 'disabled', reason: 'term-ended' }]);
  });

  it('checks shortly after launch and then on the schedule, sending the signed license token each time', async () => {
    const h = harness();
    h.service.start();
    expect(h.timers.map((t) => t.ms)).toEqual([1_000]);
    h.timers[0]!.fn();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(h.updater.checks).toBe(1);
    expect(h.timers.map((t) => t.ms)).toEqual([1_000, 3_600_000]);
    h.current.token = 'RENEWED';
    h.timers[1]!.fn();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(h.updater.feeds).toEqual([
      { url: 'http://127.0.0.1:8787/updates', headers: { 'x-license-token': 'TOKEN' } },
      { url: 'http://127.0.0.1:8787/updates', headers: { 'x-license-token': 'RENEWED' } },
    ]);
  });

  it('asks at once when a placed renewal opens updates after an ended term', async () => {
    const h = harness(expired());
    h.service.start();
    h.current.launch = expired({ renewal: placed('pending') });
    h.service.refresh();
    expect(h.service.state()).toEqual({ status: 'idle' });
    expect(h.timers.at(-1)!.ms).toBe(0);
    h.timers.at(-1)!.fn();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(h.updater.checks).toBe(1);
  });

  it('pushes the state union as the updater reports: available, progress, downloaded', async () => {
    const h = harness();
    h.updater.onCheck = async () => {
      h.updater.emit({ type: 'checking' });
      h.available();
    };
    expect(await h.service.check()).toEqual({
      status: 'available',
      version: '1.1.0',
      releaseNotes: '修正',
      date: '2026-11-20T01:00:00.000Z',
    });
    expect(h.service.download()).toMatchObject({ status: 'downloading', version: '1.1.0', percent: 0 });
    h.updater.emit({ type: 'progress', percent: 37.5, bytesPerSecond: 2048, transferred: 375, total: 1000 });
    h.updater.emit({ type: 'progress', percent: 140, bytesPerSecond: -1, transferred: 1000, total: 1000 });
    h.updater.emit({ type: 'downloaded', version: '1.1.0' });
    expect(h.pushed).toEqual([
      { status: 'checking' },
      { status: 'available', version: '1.1.0', releaseNotes: '修正', date: '2026-11-20T01:00:00.000Z' },
      { status: 'downloading', version: '1.1.0', percent: 0, bytesPerSecond: 0, transferred: 0, total: 0 },
      { status: 'downloading', version: '1.1.0', percent: 37.5, bytesPerSecond: 2048, transferred: 375, total: 1000 },
      { status: 'downloading', version: '1.1.0', percent: 100, bytesPerSecond: 0, transferred: 1000, total: 1000 },
      { status: 'downloaded', version: '1.1.0' },
    ]);
    for (const state of h.pushed) expect(UpdateStateSchema.safeParse(state).success).toBe(true);
  });

  it('keeps an offered release on screen while the schedule asks again', async () => {
    const h = harness();
    h.updater.onCheck = async () => {
      h.updater.emit({ type: 'checking' });
      h.available();
    };
    await h.service.check();
    await h.service.check();
    expect(h.updater.checks).toBe(2);
    expect(h.pushed.map((s) => s.status)).toEqual(['checking', 'available']);
  });

  it('tells the OS once per version that an update is ready, in Japanese', async () => {
    const h = harness();
    h.updater.onCheck = async () => h.available();
    await h.service.check();
    h.service.download();
    h.updater.emit({ type: 'downloaded', version: '1.1.0' });
    h.updater.emit({ type: 'downloaded', version: '1.1.0' });
    expect(h.notified).toEqual([
      {
        title: 'バージョンアップの準備ができました',
        body: 'バージョン1.1.0をダウンロードしました。製品を再起動すると更新されます。',
      },
    ]);
  });

  it('keeps downloads manual: nothing is fetched before download(), and only for a release the check found', async () => {
    const h = harness();
    h.updater.onCheck = async () => h.updater.emit({ type: 'not-available' });
    await h.service.check();
    expect(h.updater.downloads).toBe(0);
    expect(() => h.service.download()).toThrow(expect.objectContaining({ code: 'update-not-ready' }));
    expect(() => h.service.install()).toThrow(expect.objectContaining({ code: 'update-not-ready' }));
  });

  it('turns a refused check into an error state with the service code, marked as a background check', async () => {
    const h = harness();
    h.updater.onCheck = async () => {
      throw Object.assign(new Error('403 Forbidden'), { code: 'update-not-covered' });
    };
    expect(await h.service.check()).toEqual({ status: 'error', code: 'update-not-covered', during: 'check' });
    expect(() => h.service.download()).toThrow(expect.objectContaining({ code: 'update-not-ready' }));
  });

  it('lets a failed download be retried', async () => {
    const h = harness();
    h.updater.onCheck = async () => h.available();
    await h.service.check();
    h.updater.onDownload = async () => {
      throw Object.assign(new Error('bad file'), { code: 'update-checksum-mismatch' });
    };
    h.service.download();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(h.service.state()).toEqual({ status: 'error', code: 'update-checksum-mismatch', during: 'download' });
    h.updater.onDownload = async () => {};
    expect(h.service.download()).toMatchObject({ status: 'downloading' });
    expect(h.updater.downloads).toBe(2);
  });

  it('installs only a downloaded release, and keeps it through a later failure', async () => {
    const h = harness();
    h.updater.onCheck = async () => h.available();
    await h.service.check();
    h.service.download();
    expect(() => h.service.install()).toThrow(expect.objectContaining({ code: 'update-not-ready' }));
    h.updater.emit({ type: 'downloaded', version: '1.1.0' });
    h.updater.emit({ type: 'error', code: 'service-unreachable' });
    expect(await h.service.check()).toEqual({ status: 'downloaded', version: '1.1.0' });
    expect(h.updater.checks).toBe(1);
    expect(h.service.install()).toEqual({ installing: true, simulated: false });
    expect(h.updater.installs).toBe(1);
  });

  it('does not ask without a token to send', async () => {
    const h = harness(covered(), null);
    expect(await h.service.check()).toEqual({ status: 'disabled', reason: 'not-activated' });
    expect(h.updater.checks).toBe(0);
  });
});

describe('update channels', () => {
  it('reach the update service', async () => {
    const h = harness();
    h.updater.onCheck = async () => h.available();
    const handlers = createIpcHandlers({ updates: h.service } as never);
    expect(await handlers['update:state']({})).toEqual({ status: 'idle' });
    expect(await handlers['update:check']({})).toMatchObject({ status: 'available' });
    expect(await handlers['update:download']({})).toMatchObject({ status: 'downloading' });
    h.updater.emit({ type: 'downloaded', version: '1.1.0' });
    expect(await handlers['update:install']({})).toEqual({ installing: true, simulated: false });
  });
});
