import { describe, expect, it } from 'vitest';
import { type Order, type Quote } from '../../../../src-shared/contracts/http';
import {
  canLeaveQuote,
  startWizard,
  type WizardAction,
  wizardReducer,
  type WizardState,
  WizardStepError,
} from '../../../../src-shared/renewal/wizard';

const quote = (id: string, total = 50_600): Quote => ({
  id,
  planKind: 'continuous',
  term: { start: '2026-12-13', end: '2027-12-12' },
  months: 12,
  options: ['bank-import', 'e-filing'],
  lines: [],
  subtotalYen: total - Math.floor(total / 11),
  taxYen: Math.floor(total / 11),
  totalYen: total,
  taxRatePercent: 10,
  expiresAt: '2026-11-23T00:00:00Z',
  paymentMethods: [
    { code: 'card', label: 'クレジットカード', autoRenews: false, setupDays: null },
    { code: 'bank-transfer', label: '銀行振込', autoRenews: false, setupDays: null },
  ],
  uncoveredOptions: [],
});
const order: Order = {
  id: 'o1',
  state: 'paid',
  method: 'card',
  amountYen: 50_600,
  term: { start: '2026-12-13', end: '2027-12-12' },
  dueOn: null,
  transfer: null,
  autoRenew: false,
};

const run = (actions: WizardAction[], from = startWizard({ months: 12, options: ['bank-import', 'e-filing'] })): WizardState =>
  actions.reduce(wizardReducer, from);

const toPay: WizardAction[] = [
  { type: 'quoted', quote: quote('q1') },
  { type: 'change-quote' },
  { type: 'choose', months: 6, options: ['bank-import'] },
  { type: 'quoted', quote: quote('q2', 25_300) },
  { type: 'to-method' },
  { type: 'pick-method', method: 'card' },
  { type: 'to-pay' },
];

describe('the renewal wizard (seed 000, SPEC §6)', () => {
  it('starts at the quote with the longest length and every option', () => {
    expect(startWizard({ months: 12, options: ['a'] })).toEqual({
      step: 'quote',
      months: 12,
      options: ['a'],
      together: null,
      quote: null,
      passedChoose: false,
      method: null,
      idempotencyKey: null,
      order: null,
    });
  });

  it('lets the user leave the quote only after passing 見積を変更する once, even when nothing changes', () => {
    const quoted = run([{ type: 'quoted', quote: quote('q1') }]);
    expect(canLeaveQuote(quoted)).toBe(false);
    expect(() => wizardReducer(quoted, { type: 'to-method' })).toThrow(WizardStepError);
    const unchanged = run([{ type: 'change-quote' }, { type: 'choose', months: 12, options: quoted.options }], quoted);
    expect(unchanged).toMatchObject({ step: 'quote', passedChoose: true, quote: null });
    expect(canLeaveQuote(unchanged)).toBe(false); // the fresh quote has not come yet
    expect(canLeaveQuote(wizardReducer(unchanged, { type: 'quoted', quote: quote('q2') }))).toBe(true);
  });

  it('returns to the quote after STEP3 with the new choice and forgets the old quote', () => {
    const state = run(toPay.slice(0, 3));
    expect(state).toMatchObject({ step: 'quote', months: 6, options: ['bank-import'], quote: null });
  });

  it('repeats steps 2–4 as often as the user likes', () => {
    const atMethod = run(toPay.slice(0, 6));
    const again = run(
      [
        { type: 'back-to-quote' },
        { type: 'change-quote' },
        { type: 'choose', months: 12, options: [] },
        { type: 'quoted', quote: quote('q3') },
        { type: 'to-method' },
      ],
      atMethod,
    );
    expect(again).toMatchObject({ step: 'method', months: 12, options: [], method: 'card' });
  });

  it('accepts only the payment methods the quote offers, and pays only with one chosen', () => {
    const atMethod = run(toPay.slice(0, 5));
    expect(() => wizardReducer(atMethod, { type: 'pick-method', method: 'account-transfer' })).toThrow(WizardStepError);
    expect(() => wizardReducer(atMethod, { type: 'to-pay' })).toThrow(WizardStepError);
  });

  it('fixes the choice once the order is being sent: only its outcome may follow, and only with the same key', () => {
    const sending = wizardReducer(run(toPay), { type: 'order-sending', idempotencyKey: 'key-0000000000000001' });
    expect(sending.idempotencyKey).toBe('key-0000000000000001');
    for (const action of [
      { type: 'back-to-quote' },
      { type: 'change-quote' },
      { type: 'pick-method', method: 'bank-transfer' },
    ] as const) {
      expect(() => wizardReducer(sending, action)).toThrow(WizardStepError);
    }
    expect(wizardReducer(sending, { type: 'order-sending', idempotencyKey: 'key-0000000000000001' })).toEqual(sending);
    expect(() => wizardReducer(sending, { type: 'order-sending', idempotencyKey: 'key-0000000000000002' })).toThrow(
      WizardStepError,
    );
    expect(wizardReducer(sending, { type: 'order-placed', order })).toMatchObject({ step: 'done', order });
  });

  it('after a declined card the next try needs a new key (the service keeps the declined order)', () => {
    const sending = wizardReducer(run(toPay), { type: 'order-sending', idempotencyKey: 'key-0000000000000001' });
    const declined = wizardReducer(sending, { type: 'order-declined' });
    expect(declined).toMatchObject({ step: 'pay', idempotencyKey: null });
    expect(wizardReducer(declined, { type: 'order-sending', idempotencyKey: 'key-0000000000000002' }).idempotencyKey).toBe(
      'key-0000000000000002',
    );
  });

  it('refuses an order outcome without a key, and any step out of order', () => {
    expect(() => wizardReducer(run(toPay), { type: 'order-placed', order })).toThrow(WizardStepError);
    expect(() => run([{ type: 'choose', months: 6, options: [] }])).toThrow(/"choose" is not possible at step "quote"/);
    expect(() => run([{ type: 'to-pay' }])).toThrow(WizardStepError);
  });

  it('carries the together choice from 見積を変更する to the quote, and back to this license alone when dropped', () => {
    const quoted = run([{ type: 'quoted', quote: quote('q1') }]);
    const together = run([{ type: 'change-quote' }, { type: 'choose', months: 12, options: [], together: 'latest-end' }], quoted);
    expect(together).toMatchObject({ step: 'quote', together: 'latest-end', quote: null, passedChoose: true });
    const byMonths = run(
      [
        { type: 'quoted', quote: quote('q2') },
        { type: 'change-quote' },
        { type: 'choose', months: 6, options: [], together: 'months' },
      ],
      together,
    );
    expect(byMonths).toMatchObject({ together: 'months', months: 6 });
    const alone = run(
      [{ type: 'quoted', quote: quote('q3') }, { type: 'change-quote' }, { type: 'choose', months: 12, options: [] }],
      byMonths,
    );
    expect(alone.together).toBeNull();
  });

  it('still needs 見積を変更する once before renewing together, and keeps the choice while the order is out', () => {
    // Choosing together is only possible at STEP3, so passing it once still holds; the fresh quote is needed too.
    const chosen = run([
      { type: 'quoted', quote: quote('q1') },
      { type: 'change-quote' },
      { type: 'choose', months: 12, options: [], together: 'latest-end' },
    ]);
    expect(canLeaveQuote(chosen)).toBe(false);
    const sending = run(
      [
        { type: 'quoted', quote: quote('q2') },
        { type: 'to-method' },
        { type: 'pick-method', method: 'card' },
        { type: 'to-pay' },
        { type: 'order-sending', idempotencyKey: 'key-0000000000000001' },
      ],
      chosen,
    );
    expect(() => wizardReducer(sending, { type: 'change-quote' })).toThrow(WizardStepError);
    expect(wizardReducer(sending, { type: 'order-placed', order })).toMatchObject({ step: 'done', together: 'latest-end' });
  });

  it('goes back to STEP3 with the choice kept when the service cannot renew together as chosen', () => {
    const asked = run([
      { type: 'quoted', quote: quote('q1') },
      { type: 'change-quote' },
      { type: 'choose', months: 12, options: [], together: 'latest-end' },
    ]);
    expect(wizardReducer(asked, { type: 'together-refused' })).toMatchObject({ step: 'choose', together: 'latest-end' });
    // Only while a together quote is being asked for: not for one license, not once a quote is there.
    const alone = run([
      { type: 'quoted', quote: quote('q1') },
      { type: 'change-quote' },
      { type: 'choose', months: 12, options: [] },
    ]);
    expect(() => wizardReducer(alone, { type: 'together-refused' })).toThrow(WizardStepError);
    expect(() =>
      wizardReducer(wizardReducer(asked, { type: 'quoted', quote: quote('q2') }), { type: 'together-refused' }),
    ).toThrow(WizardStepError);
  });
});
