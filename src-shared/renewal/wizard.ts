import { type PaymentMethodCode } from '../catalog/catalog-schema';
import { type CoTermTargetCode, type Order, type Quote } from '../contracts/http';

/**
 * The renewal wizard's steps, exactly seed 000's (SPEC §6): 1 start → 2 quote (見積) → 3 length and options, back to
 * the quote → 4 payment method → 5 pay → 6 done (restart). Steps 2–4 can repeat. Pure: main owns and stores the
 * state, the renderer only draws it and sends actions.
 */
export const WIZARD_STEPS = ['quote', 'choose', 'method', 'pay', 'done'] as const;
export type WizardStep = (typeof WIZARD_STEPS)[number];

export type WizardState = {
  step: WizardStep;
  months: number;
  options: string[];
  /**
   * Seed 003: renew all of the customer's licenses of the line together to one end date (`latest-end`, or the end
   * `months` gives the latest-ending one), or null for this license alone. Together, each license keeps its options.
   */
  together: CoTermTargetCode | null;
  /** The quote for the current choice; null while it is being asked for again after a change. */
  quote: Quote | null;
  /** The seed's rule: the user passes through 見積を変更する at least once, even to change nothing. */
  passedChoose: boolean;
  method: PaymentMethodCode | null;
  /** Written before the order is sent, so a crash or a reload re-sends the same key and never pays twice. */
  idempotencyKey: string | null;
  order: Order | null;
};

export type WizardAction =
  | { type: 'quoted'; quote: Quote }
  | { type: 'change-quote' }
  | { type: 'choose'; months: number; options: string[]; together?: CoTermTargetCode | null }
  | { type: 'together-refused' }
  | { type: 'to-method' }
  | { type: 'pick-method'; method: PaymentMethodCode }
  | { type: 'back-to-quote' }
  | { type: 'to-pay' }
  | { type: 'order-sending'; idempotencyKey: string }
  | { type: 'order-placed'; order: Order }
  | { type: 'order-declined' };

export class WizardStepError extends Error {
  constructor(
    readonly step: WizardStep,
    readonly action: WizardAction['type'],
  ) {
    super(`"${action}" is not possible at step "${step}"`);
    this.name = 'WizardStepError';
  }
}

/** Starts with this license alone: renewing together is the user's choice at 見積を変更する, never a default. */
export function startWizard(choice: { months: number; options: string[] }): WizardState {
  return {
    step: 'quote',
    months: choice.months,
    options: [...choice.options],
    together: null,
    quote: null,
    passedChoose: false,
    method: null,
    idempotencyKey: null,
    order: null,
  };
}

/** Whether 次へ (to the payment method) is open at the quote step. */
export function canLeaveQuote(state: WizardState): boolean {
  return state.step === 'quote' && state.passedChoose && state.quote !== null;
}

export function wizardReducer(state: WizardState, action: WizardAction): WizardState {
  const refuse = (): never => {
    throw new WizardStepError(state.step, action.type);
  };
  // Once an order is being sent, only its outcome may change the state: the choice it was sent with is fixed.
  if (
    state.idempotencyKey !== null &&
    action.type !== 'order-placed' &&
    action.type !== 'order-declined' &&
    action.type !== 'order-sending'
  ) {
    refuse();
  }
  switch (action.type) {
    case 'quoted':
      if (state.step !== 'quote') refuse();
      return { ...state, quote: action.quote };
    case 'change-quote':
      if (state.step !== 'quote') refuse();
      return { ...state, step: 'choose' };
    case 'choose':
      if (state.step !== 'choose') refuse();
      return {
        ...state,
        step: 'quote',
        months: action.months,
        options: [...action.options],
        together: action.together ?? null,
        quote: null,
        passedChoose: true,
      };
    case 'together-refused':
      // The service cannot renew together as chosen (e.g. every license ended: no latest end to align on): back to
      // STEP3 with the choice kept, so the user picks a length or this license alone.
      if (state.step !== 'quote' || state.quote !== null || state.together === null) refuse();
      return { ...state, step: 'choose' };
    case 'to-method':
      if (!canLeaveQuote(state)) refuse();
      return { ...state, step: 'method' };
    case 'pick-method':
      if (state.step !== 'method') refuse();
      if (state.quote && !state.quote.paymentMethods.some((m) => m.code === action.method)) refuse();
      return { ...state, method: action.method };
    case 'back-to-quote':
      if (state.step !== 'method' && state.step !== 'pay') refuse();
      return { ...state, step: 'quote' };
    case 'to-pay':
      if (state.step !== 'method' || state.method === null) refuse();
      return { ...state, step: 'pay' };
    case 'order-sending':
      if (state.step !== 'pay') refuse();
      // The same key again (a resumed send) is fine; a different one while one is out is not.
      if (state.idempotencyKey !== null && state.idempotencyKey !== action.idempotencyKey) refuse();
      return { ...state, idempotencyKey: action.idempotencyKey };
    case 'order-placed':
      if (state.step !== 'pay' || state.idempotencyKey === null) refuse();
      return { ...state, step: 'done', order: action.order };
    case 'order-declined':
      if (state.step !== 'pay') refuse();
      // A declined card is an order of its own; the next try is a new order with a new key (the service's rule).
      return { ...state, idempotencyKey: null };
  }
}
