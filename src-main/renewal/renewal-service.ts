import crypto from 'node:crypto';
import { type Catalog, findProduct, renewalChoices, termRulesFor } from '../../src-shared/catalog';
import { jstDateOf, resumptionDeadline } from '../../src-shared/licensing';
import { CodedError } from '../../src-shared/contracts/coded-error';
import { type ErrorCode } from '../../src-shared/contracts/error-codes';
import { type z } from 'zod';
import { type CardSchema } from '../../src-shared/contracts/http';
import { type RegisterRequestSchema, type RenewalView, type WizardUserAction } from '../../src-shared/ipc/renewal-view';
import { startWizard, type WizardAction, wizardReducer, type WizardState } from '../../src-shared/renewal/wizard';
import { type AppClock } from '../launch/app-clock';
import { type LicenseManager } from '../license/license-manager';
import { type RenewalServiceApi } from '../license/service-client';
import { type WizardStorePort } from '../store/wizard-store';

type Card = z.infer<typeof CardSchema>;
type Registration = z.infer<typeof RegisterRequestSchema>;

/** Refusals that stop the wizard and need a screen of their own instead of the flow (SPEC §6). */
const BLOCKING = new Set([
  'renewal-not-open',
  'previous-renewal-unpaid',
  'registration-required',
  'repurchase-required',
  'renewal-not-offered',
  'moved',
  'revoked',
  'cancelled',
  'unknown-license',
]);

/** The service cannot renew together as chosen: back to STEP3 with the reason instead of a blocking screen. */
const CO_TERM_REFUSED = new Set<ErrorCode>(['co-term-not-offered']);

const STALE_QUOTE = new Set(['quote-expired', 'quote-not-found', 'quote-already-ordered']);

export type RenewalServiceDeps = {
  catalog: Catalog;
  licenses: () => LicenseManager | null;
  wizardStore: () => WizardStorePort | null;
  client: RenewalServiceApi;
  clock: AppClock;
  productCode: string;
  /** The launch state changed (a paid renewal stored a new term): push it to the renderer. */
  onLicenseChanged: () => void;
  newKey?: () => string;
};

/**
 * Owns the renewal wizard (package edition): its state lives in SQLite, written before every request that can
 * change money, so a crash, a kill or a reload resumes at the same step and re-sends the same Idempotency-Key.
 */
export class RenewalService {
  private blocked: RenewalView['blocked'] = null;
  private coTermRefusal: RenewalView['coTermRefusal'] = null;

  constructor(private readonly deps: RenewalServiceDeps) {}

  /** STEP1: from 今スグ更新する, the home screen or バージョン情報. Resumes a wizard left open for this license. */
  async open(): Promise<RenewalView> {
    const { ref, store } = this.require();
    const stored = store.load();
    if (stored && stored.licenseNumber === ref.licenseNumber && stored.state.step !== 'done') {
      this.blocked = null;
      if (stored.state.step === 'quote' && !stored.state.quote) await this.requote(stored.state);
      return this.view();
    }
    // A transfer placed by this wizard and not paid yet: its instructions again, as the service sees the order now.
    const placed = stored?.licenseNumber === ref.licenseNumber ? stored.state.order : null;
    if (stored && placed && placed.state === 'pending') {
      const { order } = await this.deps.client.orderStatus(placed.id, ref);
      this.save({ ...stored.state, order });
      if (order.state === 'pending') {
        this.blocked = null;
        return this.view();
      }
    }
    const choices = this.choices();
    const state = startWizard({ months: choices.months.at(-1) ?? 12, options: choices.options.map((o) => o.code) });
    this.save(state);
    await this.requote(state);
    return this.view();
  }

  view(): RenewalView {
    const store = this.deps.wizardStore();
    const stored = store?.load() ?? null;
    const ref = this.deps.licenses()?.licenseRef() ?? null;
    const wizard = stored && ref && stored.licenseNumber === ref.licenseNumber ? stored.state : null;
    const choices = this.choices();
    return {
      wizard,
      choices: { months: choices.months, options: choices.options.map((o) => ({ ...o, pricing: String(o.pricing) })) },
      blocked: this.blocked,
      mailed: wizard?.order?.instructionsMailed ?? false,
      resumptionDeadline: this.deadline(),
      coTermOffered: this.coTermOffered(),
      coTermRefusal: wizard?.step === 'choose' ? this.coTermRefusal : null,
    };
  }

  /** Only the vendor's signed word offers renewing together: `support` is signed only for a customer's several licenses. */
  private coTermOffered(): boolean {
    return this.deps.licenses()?.read().payload?.support !== undefined;
  }

  private deadline(): RenewalView['resumptionDeadline'] {
    const payload = this.deps.licenses()?.read().payload ?? null;
    if (!payload || jstDateOf(this.deps.clock.now().toISOString()) <= payload.term.end) return null;
    const deadline = resumptionDeadline(termRulesFor(this.deps.catalog, payload.product, payload.edition), payload.term.end);
    return deadline ? { date: deadline.date, cutoff: deadline.cutoff } : null;
  }

  async act(action: WizardUserAction): Promise<RenewalView> {
    const state = this.current();
    if (action.type === 'choose' && action.together && !this.coTermOffered()) {
      throw new CodedError('invalid-request', 'renewing together is not offered for this license');
    }
    const next = this.reduce(state, action);
    this.coTermRefusal = null;
    // A refusal was about the last quote; acting goes elsewhere (e.g. from renewal-not-open to 見積を変更する to renew
    // together, which no window binds). The next quote refuses again if it still applies.
    this.blocked = null;
    this.save(next);
    if (action.type === 'choose') await this.requote(next);
    return this.view();
  }

  /**
   * STEP5: places the order. The key is stored first; if the answer never comes (crash, kill, timeout), the next
   * try sends the same key and the service answers what it did the first time.
   */
  async pay(card?: Card): Promise<RenewalView> {
    const { ref } = this.require();
    let state = this.current();
    const { quote, method } = state;
    if (!quote || !method) throw new CodedError('invalid-request', 'no quote or payment method chosen');
    const key = state.idempotencyKey ?? (this.deps.newKey ?? crypto.randomUUID)();
    state = this.reduce(state, { type: 'order-sending', idempotencyKey: key });
    this.save(state);
    let response;
    try {
      response = await this.deps.client.order({ ...ref, quoteId: quote.id, method, ...(card ? { card } : {}) }, key);
    } catch (error) {
      if (error instanceof CodedError && error.code === 'payment-declined') {
        this.save(this.reduce(state, { type: 'order-declined' }));
      } else if (error instanceof CodedError && STALE_QUOTE.has(error.code)) {
        // The quote ran out (24 h) or was used: nothing was charged; start again from a fresh quote.
        const fresh = this.reduce(this.reduce(state, { type: 'order-declined' }), { type: 'back-to-quote' });
        this.save(fresh);
        await this.requote(fresh);
      } else if (error instanceof CodedError && BLOCKING.has(error.code)) {
        this.blocked = { code: error.code, details: error.details ?? null };
      }
      throw error;
    }
    if (response.license) {
      this.deps.licenses()?.acceptRenewed({ license: response.license, serverTime: response.serverTime });
    }
    this.save(this.reduce(state, { type: 'order-placed', order: response.order }));
    this.deps.onLicenseChanged();
    return this.view();
  }

  /** User registration with the booklet's numbers (package edition), then the quote again. */
  async register(input: Registration): Promise<RenewalView> {
    this.require();
    // Typed from the booklet through an IME: full-width letters, digits and dashes are folded (ＡＢ１－… → AB1-…).
    const fold = (text: string) => text.normalize('NFKC').trim();
    await this.deps.client.register({
      product: this.deps.productCode,
      ...input,
      registrationNumber: fold(input.registrationNumber),
      installKey: fold(input.installKey),
    });
    this.blocked = null;
    const state = this.current();
    await this.requote(state);
    return this.view();
  }

  /** Leaves the wizard; an order already sent keeps its key until the service has answered it. */
  close(): { closed: boolean } {
    const store = this.deps.wizardStore();
    const stored = store?.load();
    if (stored && stored.state.idempotencyKey !== null && stored.state.step !== 'done') return { closed: false };
    // A transfer still to be paid stays, so opening the wizard again shows its instructions.
    if (stored?.state.step === 'done' && stored.state.order?.state === 'pending') return { closed: true };
    store?.clear();
    this.blocked = null;
    return { closed: true };
  }

  private async requote(state: WizardState): Promise<void> {
    const { ref } = this.require();
    try {
      const { quote } = await this.deps.client.quote({
        ...ref,
        months: state.months,
        options: state.options,
        ...(state.together ? { together: state.together } : {}),
      });
      // Asked for all licenses, answered for one: paying it would renew less than the user chose.
      if (state.together && !quote.coTerm) throw new CodedError('service-bad-response', 'the quote does not renew together');
      this.blocked = null;
      this.save(wizardReducer(state, { type: 'quoted', quote }));
    } catch (error) {
      if (error instanceof CodedError && state.together && CO_TERM_REFUSED.has(error.code)) {
        const detail = (name: string) => {
          const value = error.details?.[name];
          return typeof value === 'string' ? value : null;
        };
        this.coTermRefusal = { reason: detail('reason'), latestEnd: detail('latestEnd') };
        this.save(wizardReducer(state, { type: 'together-refused' }));
        return;
      }
      if (error instanceof CodedError && BLOCKING.has(error.code)) {
        this.blocked = { code: error.code, details: error.details ?? null };
        return;
      }
      throw error;
    }
  }

  private reduce(state: WizardState, action: WizardAction): WizardState {
    try {
      return wizardReducer(state, action);
    } catch (error) {
      throw new CodedError('invalid-request', (error as Error).message);
    }
  }

  private current(): WizardState {
    const view = this.view();
    if (!view.wizard) throw new CodedError('invalid-request', 'the renewal has not been started');
    return view.wizard;
  }

  private save(state: WizardState): void {
    const { ref, store } = this.require();
    store.save({ licenseNumber: ref.licenseNumber, state }, this.deps.clock.now().toISOString());
  }

  private choices() {
    const ref = this.deps.licenses()?.read().payload ?? null;
    const product = findProduct(this.deps.catalog, ref?.product ?? this.deps.productCode);
    return renewalChoices(product, ref?.edition ?? 'package');
  }

  private require() {
    const licenses = this.deps.licenses();
    const store = this.deps.wizardStore();
    const ref = licenses?.licenseRef() ?? null;
    if (!licenses || !store) throw new CodedError('database-unreadable');
    if (!ref) throw new CodedError('not-activated');
    return { licenses, store, ref };
  }
}
