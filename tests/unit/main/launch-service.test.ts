import { describe, expect, it } from 'vitest';
import { CodedError } from '../../../src-shared/contracts/coded-error';
import { type ErrorCode } from '../../../src-shared/contracts/error-codes';
import { type LicenseResponse } from '../../../src-shared/contracts/http';
import { type LaunchState } from '../../../src-shared/ipc/launch-state';
import { type LicensePayload } from '../../../src-shared/contracts/signed-license';
import { LaunchService, type StoreHandles } from '../../../src-main/launch/launch-service';
import { DEFAULT_RETRY_POLICY } from '../../../src-main/launch/retry-policy';
import { LicenseManager } from '../../../src-main/license/license-manager';
import { catalog, ManualClock, ManualScheduler } from '../../fixtures/desktop-app';
import { newKeyPair, samplePayload, sampleSupport, signPayload } from '../../fixtures/signing';
import { FakeLicenseStore, FakeServiceClient, validLicenseNumber } from '../../fixtures/tamper-fakes';

const { privateKey, publicKey } = newKeyPair();
const DEVICE = 'd'.repeat(64);
const NUMBER = validLicenseNumber(4);
const DAY = 86_400_000;
const T0 = new Date('2026-11-22T01:00:00.000Z');
const SERVICE = 'https://license.example.jp';

const payload = (overrides: Partial<LicensePayload> = {}): LicensePayload =>
  samplePayload({
    licenseNumber: NUMBER,
    device: DEVICE,
    issuedAt: T0.toISOString(),
    leaseUntil: new Date(T0.getTime() + 14 * DAY).toISOString(),
    ...overrides,
  });
const answer = (overrides: Partial<LicensePayload> = {}): LicenseResponse => ({
  license: signPayload(privateKey, payload(overrides)),
  serverTime: T0.toISOString(),
});

type Setup = {
  product?: string;
  stored?: Partial<LicensePayload> | null;
  problem?: ErrorCode | null;
  unavailable?: ErrorCode;
  random?: number;
};

function setup(options: Setup = {}) {
  const product = options.product ?? 'sakura-kaikei';
  const store = new FakeLicenseStore();
  const client = new FakeServiceClient();
  const clock = new ManualClock(T0);
  const scheduler = new ManualScheduler();
  const events: LaunchState[] = [];
  const notifications: { title: string; body: string }[] = [];
  const opened: string[] = [];
  const errors: string[] = [];
  if (options.stored) {
    store.save(signPayload(privateKey, payload({ product, ...options.stored })), T0.toISOString());
    store.watermark = T0.toISOString();
  }
  const licenses = new LicenseManager({
    store,
    client,
    installation: { publicKey, deviceNumber: DEVICE, productCode: product },
    appVersion: '1.0.0',
    clock,
  });
  let opens = 0;
  let unavailable = options.unavailable ?? null;
  const openStore = (): StoreHandles => {
    opens += 1;
    if (unavailable) return { store: null, licenses: null, problem: unavailable };
    return { store, licenses, problem: options.problem ?? null };
  };
  const launch = new LaunchService({
    catalog,
    productCode: product,
    appVersion: '1.0.0',
    serviceUrl: SERVICE,
    openStore,
    clock,
    events: { emit: (_event, state) => void events.push(state) },
    notifier: { show: (n) => void notifications.push(n) },
    externalBrowser: { open: async (url) => void opened.push(url) },
    log: { error: (message) => void errors.push(message) },
    scheduler,
    random: () => options.random ?? 0.5,
  });
  return {
    launch,
    store,
    client,
    clock,
    scheduler,
    events,
    notifications,
    opened,
    errors,
    opens: () => opens,
    makeAvailable: () => void (unavailable = null),
  };
}

/** Lets a fired background check (fake client, no network) run to its end. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('state(): one screen for each situation, from what is stored', () => {
  it('activate, before any license', () => {
    expect(setup().launch.state()).toMatchObject({
      screen: 'activate',
      canStart: false,
      license: null,
      problem: null,
      notices: [],
    });
  });

  it('activate with the store’s problem when it was recreated, until the user activates again', async () => {
    const s = setup({ problem: 'database-recovered' });
    expect(s.launch.state()).toMatchObject({ screen: 'activate', problem: 'database-recovered' });
    s.client.answer(answer());
    expect(await s.launch.activate(NUMBER)).toMatchObject({ screen: 'none', problem: null });
  });

  it('activate with stored-license-invalid for a license this installation cannot trust', () => {
    expect(setup({ stored: { device: 'e'.repeat(64) } }).launch.state()).toMatchObject({
      screen: 'activate',
      canStart: false,
      problem: 'stored-license-invalid',
    });
  });

  it('store-unavailable with the reason when the store cannot be opened', () => {
    expect(setup({ unavailable: 'database-too-new' }).launch.state()).toMatchObject({
      screen: 'store-unavailable',
      canStart: false,
      problem: 'database-too-new',
      license: null,
    });
  });

  it('none within the term, with a view that never shows the full number', () => {
    const state = setup({ stored: {} }).launch.state();
    expect(state).toMatchObject({
      screen: 'none',
      canStart: true,
      problem: null,
      license: { termEnd: '2027-03-31', daysRemaining: 129 },
    });
    expect(JSON.stringify(state)).not.toContain(NUMBER);
    expect(state.online.trustedUntil).toBe(new Date(T0.getTime() + 17 * DAY).toISOString());
  });

  it.each([
    ['package', 'renew-now', true, 'wizard'],
    ['download', 'renewal-web-page', false, 'web-page'],
  ] as const)('expired %s edition → %s', (edition, screen, canStart, path) => {
    const kind = edition === 'package' ? 'perpetual' : 'subscription';
    const state = setup({ stored: { edition, kind, term: { start: '2025-11-01', end: '2026-11-20' } } }).launch.state();
    expect(state).toMatchObject({ screen, canStart, renewal: { path, windowOpen: true } });
  });

  it('repurchase for an expired annual license', () => {
    const s = setup({
      product: 'model-studio-annual',
      stored: { edition: 'download', kind: 'annual', term: { start: '2025-11-01', end: '2026-10-31' } },
    });
    expect(s.launch.state()).toMatchObject({ screen: 'repurchase', canStart: false, renewal: { path: 'repurchase' } });
  });

  it('trial-ended once a trial is over', () => {
    const s = setup({
      product: 'menzei-terminal',
      stored: { edition: 'download', kind: 'subscription', trial: true, term: { start: '2026-10-01', end: '2026-10-30' } },
    });
    expect(s.launch.state()).toMatchObject({ screen: 'trial-ended', canStart: false, renewal: { path: 'none' } });
  });

  it.each([
    ['moved', 'license-moved'],
    ['revoked', 'license-stopped'],
    ['cancelled', 'license-stopped'],
    ['unknown-license', 'license-stopped'],
  ] as const)('a stop said by the service (%s) → %s', (as, screen) => {
    const s = setup({ stored: {} });
    s.store.markStopped(as, T0.toISOString());
    expect(s.launch.state()).toMatchObject({ screen, canStart: false });
  });

  it('needs-online-check past the lease and its grace; a notice inside the grace', () => {
    const s = setup({ stored: {} });
    s.clock.advance(14 * DAY + 1);
    expect(s.launch.state()).toMatchObject({ screen: 'none', notices: ['needs-online-check'] });
    s.clock.advance(3 * DAY);
    expect(s.launch.state()).toMatchObject({ screen: 'needs-online-check', canStart: false });
  });

  it('clock-rollback when the clock is earlier than the watermark by more than the tolerance', () => {
    const s = setup({ stored: {} });
    s.clock.advance(-3_600_001);
    expect(s.launch.state()).toMatchObject({ screen: 'clock-rollback', canStart: false });
  });

  it('clock-rollback against the signed issue time when the watermark is gone', () => {
    const s = setup({ stored: {} });
    s.store.watermark = null;
    s.clock.advance(-30 * DAY);
    expect(s.launch.state()).toMatchObject({ screen: 'clock-rollback', canStart: false });
  });

  it('raises the watermark as the clock moves', () => {
    const s = setup({ stored: {} });
    s.clock.advance(DAY);
    s.launch.state();
    expect(s.store.watermark).toBe(new Date(T0.getTime() + DAY).toISOString());
  });

  it('notices: unpaid renewal; near the end, after a failed check, the offline warning and the reminders', () => {
    const s = setup({ stored: { leaseUntil: '2027-12-31T00:00:00.000Z' } });
    s.store.recordCheck(
      { at: T0.toISOString(), error: null },
      { orderId: 'o', state: 'lapsed', method: 'bank-transfer', dueOn: '2026-11-01' },
    );
    expect(s.launch.state().notices).toEqual(['renewal-unpaid']);
    s.clock.advance(120 * DAY);
    s.store.recordCheck({ at: s.clock.now().toISOString(), error: 'service-unreachable' });
    expect(s.launch.state()).toMatchObject({
      screen: 'none',
      notices: ['connect-network', 'renewal-unpaid', 'reminder-2-months', 'reminder-20-days'],
    });
  });

  it('still answers when every write to the store fails (a read-only disk)', () => {
    const s = setup({ stored: {} });
    s.store.readOnly = true;
    s.clock.advance(DAY);
    expect(s.launch.state()).toMatchObject({ screen: 'none', canStart: true });
    expect(s.errors).toContain('launch bookkeeping failed');
    expect(() => s.launch.start()).not.toThrow();
  });
});

describe('background validation', () => {
  it('checks at once on start, then on the regular schedule after a confirmation, pushing each new state', async () => {
    const s = setup({ stored: {} });
    s.launch.start();
    expect(s.scheduler.pending.map((p) => p.ms)).toEqual([0]);
    s.client.answer(answer({ issuedAt: '2026-11-22T01:00:00.001Z' }));
    s.scheduler.fire();
    await settle();
    expect(s.client.requests.map((r) => r.route)).toEqual(['validate']);
    expect(s.scheduler.pending.map((p) => p.ms)).toEqual([DEFAULT_RETRY_POLICY.intervalMs]);
    expect(s.events.at(-1)).toMatchObject({ screen: 'none', online: { checking: false, lastError: null } });
    s.launch.stop();
  });

  it.each([
    [0, [1000, 5000, 15_000]],
    [0.5, [1500, 7500, 22_500]],
    [1, [2000, 10_000, 30_000]],
  ])('backs off with jitter (random %d): %j, then waits the failure interval, then starts over', async (random, backoff) => {
    const s = setup({ stored: {}, random });
    s.launch.start();
    const delays: number[] = [];
    for (let i = 0; i < 5; i++) {
      s.client.answer(new CodedError('service-unreachable'));
      s.scheduler.fire();
      await settle();
      delays.push(s.scheduler.pending[0]!.ms);
    }
    expect(delays).toEqual([...backoff, DEFAULT_RETRY_POLICY.retryAfterFailureMs, backoff[0]]);
    expect(s.scheduler.pending).toHaveLength(1);
    expect(s.launch.state()).toMatchObject({ screen: 'none', online: { lastError: 'service-unreachable' } });
    s.launch.stop();
  });

  it('a failure that will not get better waits for the regular schedule', async () => {
    const s = setup({ stored: {} });
    s.launch.start();
    s.client.answer(new CodedError('product-mismatch'));
    s.scheduler.fire();
    await settle();
    expect(s.scheduler.pending.map((p) => p.ms)).toEqual([DEFAULT_RETRY_POLICY.intervalMs]);
    s.launch.stop();
  });

  it('a success after failures resets the backoff', async () => {
    const s = setup({ stored: {} });
    s.launch.start();
    s.client.answer(new CodedError('service-unreachable'));
    s.scheduler.fire();
    await settle();
    s.client.answer(answer(), new CodedError('service-unreachable'));
    s.scheduler.fire();
    await settle();
    s.scheduler.fire();
    await settle();
    expect(s.scheduler.pending.map((p) => p.ms)).toEqual([1500]);
    s.launch.stop();
  });

  it('turns a running app into license-moved when the service says so, and pushes it', async () => {
    const s = setup({ stored: {} });
    s.launch.start();
    s.client.answer(new CodedError('moved'));
    s.scheduler.fire();
    await settle();
    expect(s.events.at(-1)).toMatchObject({ screen: 'license-moved', canStart: false });
    expect(s.scheduler.pending.map((p) => p.ms)).toEqual([DEFAULT_RETRY_POLICY.intervalMs]);
    s.launch.stop();
  });

  it('recheck while a check is in flight joins it instead of starting a second', async () => {
    const s = setup({ stored: {} });
    let release: (response: LicenseResponse) => void = () => {};
    s.client.answer(() => new Promise<LicenseResponse>((resolve) => (release = resolve)));
    s.launch.start();
    s.scheduler.fire();
    expect(s.launch.state().online.checking).toBe(true);
    const first = s.launch.recheck();
    const second = s.launch.recheck();
    expect(s.client.requests).toHaveLength(1);
    release(answer({ issuedAt: '2026-11-22T01:00:00.001Z' }));
    const [a, b] = await Promise.all([first, second]);
    expect(s.client.requests).toHaveLength(1);
    expect(a).toMatchObject({ screen: 'none', online: { checking: false } });
    expect(b.screen).toBe('none');
    s.launch.stop();
  });

  it('stop() cancels the schedule, and a check that ends after stop schedules nothing', async () => {
    const s = setup({ stored: {} });
    s.launch.start();
    s.launch.stop();
    expect(s.scheduler.pending).toEqual([]);
    s.client.answer(answer());
    await s.launch.recheck();
    expect(s.scheduler.pending).toEqual([]);
  });

  it('recheck reopens a store that could not be opened', async () => {
    const s = setup({ unavailable: 'database-locked' });
    expect(s.launch.state().screen).toBe('store-unavailable');
    expect((await s.launch.recheck()).problem).toBe('database-locked');
    s.makeAvailable();
    expect(await s.launch.recheck()).toMatchObject({ screen: 'activate', problem: null });
    expect(s.opens()).toBe(3);
  });

  it('refuses activation while the store is unavailable, with its reason', async () => {
    const s = setup({ unavailable: 'database-too-new' });
    await expect(s.launch.activate(NUMBER)).rejects.toMatchObject({ code: 'database-too-new' });
    expect(s.client.requests).toEqual([]);
  });
});

describe('openExternal', () => {
  it('opens the renewal web page of the catalog with the license number for the download edition', async () => {
    const s = setup({ stored: { edition: 'download', kind: 'subscription' } });
    const { url } = await s.launch.openExternal('renewal-page');
    expect(url).toBe(`${SERVICE}/renew/sakura-kaikei?license=${encodeURIComponent(NUMBER)}`);
    expect(s.opened).toEqual([url]);
  });

  it('refuses a renewal page for the package edition (renewed in the app) and before activation', async () => {
    const pkg = setup({ stored: { edition: 'package', kind: 'perpetual' } });
    await expect(pkg.launch.openExternal('renewal-page')).rejects.toMatchObject({ code: 'not-found' });
    const none = setup();
    await expect(none.launch.openExternal('renewal-page')).rejects.toMatchObject({ code: 'not-activated' });
    expect([...pkg.opened, ...none.opened]).toEqual([]);
  });

  it('opens the support form and the purchase page named by the catalog', async () => {
    const s = setup();
    expect(await s.launch.openExternal('support-form')).toEqual({ url: 'https://support.example.jp/contact/sakura-desktop' });
    expect(await s.launch.openExternal('purchase-page')).toEqual({ url: 'https://shop.example.jp/products/sakura-kaikei' });
  });
});

describe('reminders as OS notifications', () => {
  const ending = { term: { start: '2026-04-01', end: '2026-12-10' } };

  it('notifies each reminder once per term, across launches and checks', async () => {
    const s = setup({ stored: ending });
    s.launch.start();
    expect(s.notifications).toEqual([
      { title: '基本使用サービスの更新時期です', body: '有効期限は2026年12月10日です。更新のお手続きをお願いします。' },
      { title: '基本使用サービスの有効期限が近づいています', body: '有効期限まであと18日（2026年12月10日まで）です。' },
    ]);
    s.client.answer(answer({ ...ending, issuedAt: '2026-11-22T01:00:00.001Z' }));
    s.scheduler.fire();
    await settle();
    s.launch.stop();
    s.launch.start();
    s.launch.stop();
    expect(s.notifications).toHaveLength(2);
  });

  it('notifies again for a new term', async () => {
    const s = setup({ stored: ending });
    s.launch.start();
    s.launch.stop();
    s.client.answer(answer({ term: { start: '2026-04-01', end: '2026-12-11' }, issuedAt: '2026-11-22T01:00:00.001Z' }));
    await s.launch.recheck();
    expect(s.notifications.map((n) => n.title)).toEqual([
      '基本使用サービスの更新時期です',
      '基本使用サービスの有効期限が近づいています',
      '基本使用サービスの更新時期です',
      '基本使用サービスの有効期限が近づいています',
    ]);
  });

  it('does not notify a product whose catalog has no reminders (renewed online)', () => {
    const s = setup({ product: 'menzei-terminal', stored: { edition: 'download', kind: 'subscription', ...ending } });
    s.launch.start();
    s.launch.stop();
    expect(s.notifications).toEqual([]);
  });
});

describe('several licenses of one customer: the signed support state (seed 003)', () => {
  // The sibling license ended 2026-10-31; this one runs to 2027-03-31 (T0 is 2026-11-22).
  it('suspended: starts on home with the notice; the view names the other license by its masked number only', () => {
    const state = setup({ stored: { support: sampleSupport('suspended') } }).launch.state();
    expect(state).toMatchObject({ screen: 'none', canStart: true, notices: ['support-suspended'] });
    expect(state.license?.support).toEqual({
      state: 'suspended',
      cause: {
        licenseNumberMasked: '****-****-****-HR35',
        productName: 'さくら会計 Desktop',
        endedOn: '2026-10-31',
        suspendedFrom: '2026-11-01',
      },
    });
    expect(JSON.stringify(state)).not.toContain(NUMBER);
  });

  it('ended-stopped: the blocking license-not-renewed screen, naming the license renewed without this one', () => {
    const state = setup({
      stored: { term: { start: '2025-11-01', end: '2026-10-31' }, support: sampleSupport('ended-stopped') },
    }).launch.state();
    expect(state).toMatchObject({ screen: 'license-not-renewed', canStart: false, notices: [] });
    expect(state.license?.support).toEqual({
      state: 'ended-stopped',
      cause: { licenseNumberMasked: '****-****-****-HR35', productName: 'さくら会計 Desktop', renewedOn: '2026-11-10' },
    });
  });

  it('ended-continues: a perpetual package past its term starts with 今スグ更新する, as without the field', () => {
    const term = { start: '2025-11-01', end: '2026-10-31' };
    const continues = setup({ stored: { term, support: sampleSupport('ended-continues') } }).launch.state();
    const single = setup({ stored: { term } }).launch.state();
    expect(continues).toMatchObject({ screen: 'renew-now', canStart: true });
    expect({ ...continues, license: { ...continues.license, support: undefined } }).toEqual({
      ...single,
      license: { ...single.license, support: undefined },
    });
    expect(continues.license?.support).toEqual({ state: 'ended-continues' });
  });

  it('active: home as before; absent: no support in the view at all', () => {
    expect(setup({ stored: { support: sampleSupport('active') } }).launch.state()).toMatchObject({
      screen: 'none',
      notices: [],
      license: { support: { state: 'active' } },
    });
    expect(setup({ stored: {} }).launch.state().license).not.toHaveProperty('support');
  });

  it('an unknown product of the other license is shown by its code', () => {
    const cause = { licenseNumberLast: 'Q7X2', product: 'retired-product', endedOn: '2026-10-31', suspendedFrom: '2026-11-01' };
    const state = setup({ stored: { support: { state: 'suspended', cause } } }).launch.state();
    expect(state.license?.support).toMatchObject({
      cause: { licenseNumberMasked: '****-****-****-Q7X2', productName: 'retired-product' },
    });
  });

  it('a validation that signs the suspension turns the running app at once, and one that lifts it clears it', async () => {
    const s = setup({ stored: {} });
    s.launch.start();
    s.client.answer(answer({ support: sampleSupport('suspended') }));
    s.scheduler.fire();
    await settle();
    expect(s.events.at(-1)).toMatchObject({ screen: 'none', notices: ['support-suspended'] });
    s.client.answer(answer({ support: sampleSupport('ended-stopped'), term: { start: '2025-11-01', end: '2026-10-31' } }));
    expect(await s.launch.recheck()).toMatchObject({ screen: 'license-not-renewed', canStart: false });
    s.client.answer(answer({ support: sampleSupport('active') }));
    expect(await s.launch.recheck()).toMatchObject({ screen: 'none', canStart: true, notices: [] });
    s.launch.stop();
  });
});
