import {
  type Catalog,
  findProduct,
  launchPolicyFor,
  supportContactFor,
  termRulesFor,
  isSupportPhoneOpen,
} from '../../src-shared/catalog';
import { CodedError } from '../../src-shared/contracts/coded-error';
import { type ErrorCode } from '../../src-shared/contracts/error-codes';
import { type ExternalTarget } from '../../src-shared/ipc/contract';
import { type AppProduct, type LaunchState, type RenewalInfo, type SupportInfo } from '../../src-shared/ipc/launch-state';
import {
  EDITIONS,
  type Edition,
  decideLaunch,
  isPastResumptionDeadline,
  isRenewable,
  isRenewalWindowOpen,
  jstDateOf,
  type LicenseState,
  renewalWindowOpens,
} from '../../src-shared/licensing';
import { type LicensePayload } from '../../src-shared/contracts/signed-license';
import { messages } from '../../src-shared/messages';
import { type ExternalBrowser } from '../ports/external-browser';
import { type Notifier } from '../ports/notifier';
import { type LicenseManager } from '../license/license-manager';
import { type LicenseStorePort, type StoredLicense } from '../store/license-store';
import { type AppClock } from './app-clock';
import { licenseView } from './license-view';
import { DEFAULT_RETRY_POLICY, realScheduler, type RetryPolicy, type Scheduler, withJitter } from './retry-policy';
import { type Logger } from '../log/app-log';

export type LaunchSettings = {
  /** How long past the signed lease the app keeps working (with a notice) before it needs the service. */
  leaseGraceMs: number;
  /** A clock this much earlier than the latest time seen is a rollback. */
  rollbackToleranceMs: number;
};

const WATERMARK_STEP_MS = 60_000;

export const DEFAULT_LAUNCH_SETTINGS: LaunchSettings = {
  leaseGraceMs: 3 * 86_400_000,
  rollbackToleranceMs: 3_600_000,
};

/** The store and what reads it; both null when the store could not be opened, `problem` says why. */
export type StoreHandles = { store: LicenseStorePort | null; licenses: LicenseManager | null; problem: ErrorCode | null };

export type LaunchEvents = { emit(event: 'launch:changed', payload: LaunchState): void };

export type LaunchServiceDeps = {
  catalog: Catalog;
  productCode: string;
  appVersion: string;
  serviceUrl: string;
  /** Opens the store; again on 再試行 while it could not be opened (locked by another program, say). */
  openStore: () => StoreHandles;
  clock: AppClock;
  events: LaunchEvents;
  notifier: Notifier;
  externalBrowser: ExternalBrowser;
  log: Logger;
  scheduler?: Scheduler;
  random?: () => number;
  retry?: RetryPolicy;
  settings?: LaunchSettings;
};

const STOPPED_STATE: Record<NonNullable<StoredLicense['stoppedAs']>, LicenseState> = {
  moved: 'moved',
  revoked: 'revoked',
  cancelled: 'cancelled',
  // The vendor no longer knows the number: as stopped as a revocation.
  'unknown-license': 'revoked',
};

/**
 * The launch: answers what the user may do from what is stored, at once, and never waits for the network. Beside
 * that it validates online (retries with backoff and jitter, then on a schedule) and pushes each new state.
 */
export class LaunchService {
  private readonly scheduler: Scheduler;
  private readonly random: () => number;
  private readonly retry: RetryPolicy;
  private readonly settings: LaunchSettings;
  private timer: unknown = null;
  private inFlight: Promise<void> | null = null;
  private checking = false;
  private attempt = 0;
  private stopped = true;
  private handles: StoreHandles;
  /** Shown until the user activates again; the store's own problem when it was recreated. */
  private sessionProblem: ErrorCode | null;

  constructor(private readonly deps: LaunchServiceDeps) {
    this.scheduler = deps.scheduler ?? realScheduler;
    this.random = deps.random ?? Math.random;
    this.retry = deps.retry ?? DEFAULT_RETRY_POLICY;
    this.settings = deps.settings ?? DEFAULT_LAUNCH_SETTINGS;
    this.handles = deps.openStore();
    this.sessionProblem = this.handles.problem;
  }

  /** Starts the background validation (first check at once) and shows any reminder due as an OS notification. */
  start(): void {
    this.stopped = false;
    const state = this.state();
    this.deps.log.info?.('launch decided', { screen: state.screen, canStart: state.canStart, problem: state.problem });
    this.notifyReminders(state);
    this.schedule(0);
  }

  stop(): void {
    this.stopped = true;
    if (this.timer !== null) this.scheduler.clearTimeout(this.timer);
    this.timer = null;
  }

  /** The decision from what is stored. Synchronous and local: it never touches the network. */
  state(): LaunchState {
    const now = this.deps.clock.now().toISOString();
    const base = { appVersion: this.deps.appVersion, now, product: this.appProduct() };
    const { store, licenses } = this.handles;
    if (!store || !licenses) {
      return {
        ...base,
        canStart: false,
        screen: 'store-unavailable',
        notices: [],
        license: null,
        problem: this.handles.problem ?? 'database-unreadable',
        online: this.online(null, null),
        renewal: { path: 'none', windowOpen: false, opensOn: null, placed: null },
        support: this.support(null, now),
      };
    }
    const latestSeen = store.latestSeen();
    // The watermark moves in steps of a minute: far finer than the rollback tolerance, and it spares the disk a
    // synchronous commit on every status call while the app runs.
    if (latestSeen === null || Date.parse(now) - Date.parse(latestSeen) >= WATERMARK_STEP_MS) {
      this.guard(() => store.raiseLatestSeen(now));
    }
    const read = licenses.read();
    if (!read.payload) {
      return {
        ...base,
        canStart: false,
        screen: 'activate',
        notices: [],
        license: null,
        problem: read.problem ?? this.sessionProblem,
        online: this.online(read.stored, latestSeen),
        renewal: { path: 'none', windowOpen: false, opensOn: null, placed: null },
        support: this.support(null, now),
      };
    }
    const { payload, stored } = read;
    const state = stored.stoppedAs ? STOPPED_STATE[stored.stoppedAs] : payload.state;
    const policy = launchPolicyFor(this.deps.catalog, payload.product, payload.edition);
    const decision = decideLaunch({
      policy,
      now,
      license: {
        term: payload.term,
        state,
        trial: payload.trial,
        lastOnlineCheck: stored.lastOnlineCheck,
        ...(payload.support && { support: payload.support.state }),
      },
      online: stored.lastError === null,
      unpaidRenewal: stored.placedRenewal !== null,
      trust: {
        leaseUntil: payload.leaseUntil,
        leaseGraceMs: this.settings.leaseGraceMs,
        // The signed issue time is a floor the user cannot edit: a deleted or lowered watermark must not hide a rollback.
        latestSeen: latestSeen !== null && Date.parse(latestSeen) > Date.parse(payload.issuedAt) ? latestSeen : payload.issuedAt,
        rollbackToleranceMs: this.settings.rollbackToleranceMs,
      },
    });
    return {
      ...base,
      canStart: decision.canStart,
      screen: decision.screen,
      notices: decision.notices,
      license: licenseView(this.deps.catalog, payload, state, stored.lastOnlineCheck, now),
      problem: null,
      online: this.online(stored, latestSeen, payload),
      renewal: this.renewal(payload, stored, now),
      support: this.support(payload.edition, now),
    };
  }

  /** Asks the service now and answers the state after it replied (or gave up); the regular schedule resumes after. */
  async recheck(): Promise<LaunchState> {
    if (!this.handles.store) {
      this.handles = this.deps.openStore();
      this.sessionProblem = this.handles.problem;
    }
    this.attempt = 0;
    await this.check();
    return this.state();
  }

  async activate(licenseNumber: string): Promise<LaunchState> {
    await this.requireLicenses().activate(licenseNumber);
    this.sessionProblem = null;
    return this.changed();
  }

  async startTrial(): Promise<LaunchState> {
    const product = this.appProduct();
    if (product.trialDays === null) throw new CodedError('trial-not-offered');
    await this.requireLicenses().startTrial();
    this.sessionProblem = null;
    return this.changed();
  }

  /** Opens a vendor page for this license in the system browser; main builds the URL, the renderer only names it. */
  async openExternal(target: ExternalTarget): Promise<{ url: string }> {
    const url = this.externalUrl(target);
    await this.deps.externalBrowser.open(url);
    return { url };
  }

  private externalUrl(target: ExternalTarget): string {
    const payload = this.handles.licenses?.read().payload ?? null;
    const product = findProduct(this.deps.catalog, payload?.product ?? this.deps.productCode);
    if (target === 'support-form')
      return supportContactFor(this.deps.catalog, product.code, payload?.edition ?? this.editions()[0]!).webFormUrl;
    if (target === 'purchase-page') {
      if (!product.purchaseUrl) throw new CodedError('not-found', 'the product has no purchase page');
      return product.purchaseUrl;
    }
    if (!payload) throw new CodedError('not-activated');
    const page = product.editions[payload.edition]?.policy.renewalWebPage;
    if (!page) throw new CodedError('not-found', 'this edition is renewed in the app, not on the web page');
    return `${this.deps.serviceUrl}${page}?license=${encodeURIComponent(payload.licenseNumber)}`;
  }

  /** Pushes the current state (after something outside the launch changed the license, e.g. a paid renewal). */
  publish(): void {
    this.guard(() => void this.changed());
  }

  private changed(): LaunchState {
    const state = this.state();
    this.deps.events.emit('launch:changed', state);
    this.notifyReminders(state);
    return state;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    if (this.timer !== null) this.scheduler.clearTimeout(this.timer);
    this.timer = this.scheduler.setTimeout(() => {
      this.timer = null;
      void this.check();
    }, delayMs);
  }

  /** One attempt; on a retryable failure the next comes after a jittered backoff, then the regular schedule. */
  private check(): Promise<void> {
    if (this.inFlight) return this.inFlight;
    const licenses = this.handles.licenses;
    if (!licenses) return Promise.resolve();
    this.checking = true;
    this.inFlight = (async () => {
      let next = this.retry.intervalMs;
      try {
        const outcome = await licenses.validate();
        // The outcome's kind and code only: support sees what happened, never the license it carried.
        this.deps.log.info?.('background validation', { outcome: outcome.kind, code: 'code' in outcome ? outcome.code : null });
        if (outcome.kind === 'failed' && outcome.retryable) {
          const backoff = this.retry.backoffMs[this.attempt];
          this.attempt += 1;
          next = backoff === undefined ? this.retry.retryAfterFailureMs : withJitter(backoff, this.random);
          if (backoff === undefined) this.attempt = 0;
        } else {
          this.attempt = 0;
        }
      } catch (error) {
        this.deps.log.error('background validation failed', error);
      } finally {
        this.checking = false;
        this.inFlight = null;
      }
      this.guard(() => this.changed());
      this.schedule(next);
    })();
    return this.inFlight;
  }

  private notifyReminders(state: LaunchState): void {
    const store = this.handles.store;
    const license = state.license;
    if (!store || !license) return;
    const texts = messages.ja.notifications;
    for (const notice of state.notices) {
      if (notice !== 'reminder-2-months' && notice !== 'reminder-20-days') continue;
      this.guard(() => {
        if (store.noticeShown(notice, license.termEnd)) return;
        const text = texts[notice];
        this.deps.notifier.show({
          title: text.title,
          body: text.body.replace('{{date}}', japaneseDate(license.termEnd)).replace('{{days}}', String(license.daysRemaining)),
        });
        store.recordNoticeShown(notice, license.termEnd, state.now);
      });
    }
  }

  private renewal(payload: LicensePayload, stored: StoredLicense, now: string): RenewalInfo {
    const placed = stored.placedRenewal;
    if (payload.trial) return { path: 'none', windowOpen: false, opensOn: null, placed };
    const rules = termRulesFor(this.deps.catalog, payload.product, payload.edition);
    if (!isRenewable(payload.kind) || isPastResumptionDeadline(rules, payload.term.end, now)) {
      return { path: 'repurchase', windowOpen: false, opensOn: null, placed };
    }
    const today = jstDateOf(now);
    const expired = today > payload.term.end;
    const policy = findProduct(this.deps.catalog, payload.product).editions[payload.edition]?.policy;
    // Extended by the service at the next online check inside the window; only a lapsed term needs the web page.
    if (policy?.onlineExtension && !expired) return { path: 'automatic', windowOpen: false, opensOn: null, placed };
    return {
      path: payload.edition === 'package' ? 'wizard' : 'web-page',
      windowOpen: expired || isRenewalWindowOpen(rules, payload.term.end, today),
      opensOn: renewalWindowOpens(rules, payload.term.end),
      placed,
    };
  }

  private online(stored: StoredLicense | null, latestSeen: string | null, payload?: LicensePayload): LaunchState['online'] {
    const trustedUntil = payload ? new Date(Date.parse(payload.leaseUntil) + this.settings.leaseGraceMs).toISOString() : null;
    return {
      lastCheck: stored?.lastOnlineCheck ?? null,
      lastAttempt: stored?.lastAttempt ?? null,
      lastError: stored?.lastError ?? null,
      checking: this.checking,
      trustedUntil,
      latestSeen,
    };
  }

  private support(edition: Edition | null, now: string): SupportInfo {
    const contact = supportContactFor(this.deps.catalog, this.deps.productCode, edition ?? this.editions()[0]!);
    return {
      phone: contact.phone,
      hours: contact.phoneHours.map((h) => ({ from: h.from, to: h.to })),
      webFormUrl: contact.webFormUrl,
      phoneOpenNow: isSupportPhoneOpen(contact, this.deps.catalog.closures, now),
      paidIndividualSupport: contact.paidIndividualSupport ?? false,
    };
  }

  private editions(): Edition[] {
    const product = findProduct(this.deps.catalog, this.deps.productCode);
    return EDITIONS.filter((e) => product.editions[e] !== undefined);
  }

  private appProduct(): AppProduct {
    const product = findProduct(this.deps.catalog, this.deps.productCode);
    const trialDays = this.editions()
      .map((e) => product.editions[e]!.policy.trialDays)
      .find((days) => days !== null);
    return {
      code: product.code,
      name: product.name,
      editions: this.editions(),
      trialDays: trialDays ?? null,
      purchaseUrl: product.purchaseUrl ?? null,
    };
  }

  private requireLicenses(): LicenseManager {
    if (!this.handles.licenses) throw new CodedError(this.handles.problem ?? 'database-unreadable');
    return this.handles.licenses;
  }

  /** Bookkeeping writes (watermark, notices) must never break a status call: a read-only store still launches. */
  private guard(write: () => void): void {
    try {
      write();
    } catch (error) {
      this.deps.log.error('launch bookkeeping failed', error);
    }
  }
}

/** '2027-03-31' → '2027年3月31日', for the OS notification (the renderer formats its own dates with Intl). */
function japaneseDate(date: string): string {
  const [year, month, day] = date.split('-').map(Number);
  return `${year}年${month}月${day}日`;
}
