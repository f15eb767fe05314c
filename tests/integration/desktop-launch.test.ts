import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deviceNumberFrom } from '../../src-main/device/device-number';
import { startTestServer } from '../fixtures/license-server';
import { desktopApp, type DesktopApp } from '../fixtures/desktop-app';

let server: Awaited<ReturnType<typeof startTestServer>>;
let serverNow = new Date('2026-11-22T01:00:00Z');
const DAY = 86_400_000;
const apps: DesktopApp[] = [];

beforeAll(async () => {
  server = await startTestServer({ clock: () => serverNow });
});
afterAll(async () => {
  apps.forEach((a) => a.close());
  await server.close();
});

async function issue(overrides: { product?: string; edition?: 'package' | 'download'; kind?: string; end?: string } = {}) {
  return (
    await server.ctx.licenses.create(
      {
        product: overrides.product ?? 'sakura-kaikei',
        edition: overrides.edition ?? 'package',
        kind: (overrides.kind ?? 'perpetual') as 'perpetual',
        termStart: '2026-04-01',
        termEnd: overrides.end ?? '2027-03-31',
      },
      serverNow.toISOString(),
    )
  ).number;
}

let seq = 0;

/** Lets a fired background check finish (it talks to the network). */
async function settled(a: DesktopApp): Promise<void> {
  for (let i = 0; i < 100 && (a.launch.state().online.checking || a.scheduler.pending.length === 0); i++) {
    await new Promise((r) => setTimeout(r, 20));
  }
}
function app(options: { machineId?: string; serviceUrl?: string; dbFile?: string; now?: Date } = {}): DesktopApp {
  const a = desktopApp({
    dbFile: options.dbFile ?? path.join(server.dir, `app-${++seq}.sqlite`),
    serviceUrl: options.serviceUrl ?? server.url,
    publicKeyPath: server.publicKeyPath,
    machineId: options.machineId ?? `machine-${seq}`,
    now: options.now ?? serverNow,
  });
  apps.push(a);
  return a;
}

describe('the launch through the real service into a real SQLite file', () => {
  it('asks for activation first, then stores the verified license and starts on the home screen', async () => {
    const number = await issue();
    const a = app();
    expect(a.launch.state()).toMatchObject({ screen: 'activate', canStart: false, license: null, problem: null });
    const state = await a.launch.activate(number.toLowerCase());
    expect(state).toMatchObject({ screen: 'none', canStart: true, problem: null, notices: [] });
    expect(state.license).toMatchObject({
      termStart: '2026-04-01',
      termEnd: '2027-03-31',
      daysRemaining: 129,
      productName: 'さくら会計 Desktop',
      licenseNumberMasked: `****-****-****-${number.slice(-4)}`,
    });
    expect(JSON.stringify(state)).not.toContain(number);
    expect(JSON.stringify(state)).not.toContain(a.deviceNumber);
    expect(state.online.trustedUntil).toBe('2026-12-09T01:00:00.000Z');
    expect(state.renewal).toMatchObject({ path: 'wizard', windowOpen: false, opensOn: '2027-01-31' });
    expect(a.events.at(-1)?.screen).toBe('none');
  });

  it('maps the service’s refusals to stable codes and stores nothing', async () => {
    const a = app();
    await expect(a.launch.activate('0000-0000-0000-0000')).rejects.toMatchObject({ code: 'unknown-license' });
    await expect(
      a.launch.activate(await issue({ product: 'menzei-terminal', edition: 'download', kind: 'subscription' })),
    ).rejects.toMatchObject({
      code: 'product-mismatch',
    });
    await expect(a.launch.activate('ABCD')).rejects.toMatchObject({ code: 'license-number-format' });
    expect(a.launch.state().license).toBeNull();
  });

  it('reports an unreachable service as such on activation', async () => {
    const a = app({ serviceUrl: 'http://127.0.0.1:9' });
    await expect(a.launch.activate(await issue())).rejects.toMatchObject({ code: 'service-unreachable' });
  });
});

describe('background validation', () => {
  it('turns the running app into license-moved once the license is activated on another device', async () => {
    const number = await issue();
    const first = app({ machineId: 'moved-1' });
    await first.launch.activate(number);
    first.launch.start();
    await first.launch.recheck();
    expect(first.events.at(-1)?.screen).toBe('none');

    await app().launch.activate(number);
    await first.launch.recheck();
    expect(first.events.at(-1)).toMatchObject({ screen: 'license-moved', canStart: false });
    // Remembered across a restart, even offline.
    const restarted = app({ dbFile: first.dbFile, machineId: 'moved-1', serviceUrl: 'http://127.0.0.1:9' });
    expect(restarted.launch.state().screen).toBe('license-moved');
  });

  it('stops the app after the vendor revokes the license, and lets an extended term through', async () => {
    const number = await issue({ end: '2026-12-10' });
    const a = app();
    await a.launch.activate(number);
    expect(a.launch.state().notices).toEqual(['reminder-2-months', 'reminder-20-days']);
    await server.ctx.store.session.run("UPDATE licenses SET term_end = '2027-12-20' WHERE number = ?", [number]);
    await a.launch.recheck();
    expect(a.events.at(-1)).toMatchObject({ screen: 'none', notices: [] });
    expect(a.events.at(-1)?.license?.termEnd).toBe('2027-12-20');

    await server.ctx.store.session.run("UPDATE licenses SET state = 'revoked' WHERE number = ?", [number]);
    await a.launch.recheck();
    expect(a.events.at(-1)).toMatchObject({ screen: 'license-stopped', canStart: false });
  });

  it('retries with backoff and jitter while the service is down, then falls back to the schedule', async () => {
    const number = await issue();
    const a = app({ machineId: 'backoff' });
    await a.launch.activate(number);
    const offline = app({ dbFile: a.dbFile, machineId: 'backoff', serviceUrl: 'http://127.0.0.1:9' });
    offline.launch.start();
    expect(offline.scheduler.pending.map((p) => p.ms)).toEqual([0]);
    const delays: number[] = [];
    for (let i = 0; i < 5; i++) {
      offline.scheduler.fire();
      await settled(offline);
      delays.push(offline.scheduler.pending[0]!.ms);
    }
    // random() = 0.5 gives three quarters of each step: 2 s → 1.5 s, 10 s → 7.5 s, 30 s → 22.5 s, then the retry
    // interval (15 minutes), then the backoff again.
    expect(delays).toEqual([1500, 7500, 22500, 900_000, 1500]);
    expect(offline.launch.state()).toMatchObject({
      screen: 'none',
      online: { lastError: 'service-unreachable', checking: false },
    });
  });

  it('warns inside the lease grace, blocks after it, and recovers by itself when the service answers', async () => {
    const number = await issue();
    const a = app({ machineId: 'lease' });
    await a.launch.activate(number);
    const offline = app({ dbFile: a.dbFile, machineId: 'lease', serviceUrl: 'http://127.0.0.1:9' });
    offline.clock.advance(15 * DAY);
    expect(offline.launch.state()).toMatchObject({ screen: 'none', notices: ['needs-online-check'] });
    offline.clock.advance(3 * DAY);
    expect(offline.launch.state()).toMatchObject({ screen: 'needs-online-check', canStart: false });

    serverNow = new Date(serverNow.getTime() + 18 * DAY);
    const online = app({ dbFile: a.dbFile, machineId: 'lease', now: serverNow });
    expect((await online.launch.recheck()).screen).toBe('none');
    serverNow = new Date('2026-11-22T01:00:00Z');
  });

  it('refuses a clock set back, and never accepts a license older than the one stored', async () => {
    const number = await issue();
    const a = app();
    await a.launch.activate(number);
    a.clock.advance(-DAY);
    expect(a.launch.state()).toMatchObject({ screen: 'clock-rollback', canStart: false });
    a.clock.advance(DAY);
    expect(a.launch.state().screen).toBe('none');

    serverNow = new Date(serverNow.getTime() - 2 * DAY);
    await a.launch.recheck();
    serverNow = new Date('2026-11-22T01:00:00Z');
    expect(a.launch.state()).toMatchObject({ screen: 'none', online: { lastError: 'service-bad-response' } });
  });

  it('shows each reminder once per term as an OS notification', async () => {
    const a = app({ machineId: 'reminders' });
    await a.launch.activate(await issue({ end: '2026-12-10' }));
    a.launch.start();
    a.launch.stop();
    const again = app({ dbFile: a.dbFile, machineId: 'reminders' });
    again.launch.start();
    again.launch.stop();
    expect(a.notifications.map((n) => n.title).concat(again.notifications.map((n) => n.title))).toEqual([
      '基本使用サービスの更新時期です',
      '基本使用サービスの有効期限が近づいています',
    ]);
    expect(a.notifications[1]!.body).toBe('有効期限まであと18日（2026年12月10日まで）です。');
  });
});

describe('device numbers', () => {
  it('are salted per product', () => {
    expect(deviceNumberFrom('m', 'sakura-kaikei:device:v1')).not.toBe(deviceNumberFrom('m', 'menzei-terminal:device:v1'));
  });
});
