import { describe, expect, it } from 'vitest';
import { type z } from 'zod';
import {
  ActivationRequestSchema,
  AppVersion,
  CardSchema,
  ErrorBodySchema,
  LicenseResponseSchema,
  OrderRequestSchema,
  OrderResponseSchema,
  OrderStatusQuerySchema,
  OrderStatusResponseSchema,
  HealthResponseSchema,
  ProductCode,
  QuoteRequestSchema,
  QuoteResponseSchema,
  RegistrationRequestSchema,
  RegistrationResponseSchema,
  TrialRequestSchema,
  ValidationRequestSchema,
  type Order,
  type Quote,
} from '../../../../src-shared/contracts/http';

// The license service validates every request body with these schemas and the desktop app validates every answer,
// so a loosened bound lets garbage into the service and a tightened one refuses real traffic.

const DEVICE = '0123456789abcdef'.repeat(4);
const SIGNED = { payload: '{"v":1}', signature: `${'A'.repeat(85)}/==`, keyId: 'dev-2026' };
const accepts = (schema: z.ZodType, value: unknown) => schema.safeParse(value).success;

describe('license service requests', () => {
  const activation = { licenseNumber: '7KQ2-M9XD-4TBA-HR3Y', product: 'accounting', device: DEVICE, appVersion: '1.2.3' };
  const activationWith = (changes: Record<string, unknown>) => accepts(ActivationRequestSchema, { ...activation, ...changes });

  it('accepts an activation or validation from the desktop app', () => {
    expect(ActivationRequestSchema.parse(activation)).toEqual(activation);
    expect(ValidationRequestSchema.parse(activation)).toEqual(activation);
    expect(activationWith({ licenseNumber: 'x'.repeat(64) })).toBe(true);
  });

  it('bounds the license number text, which the service normalises and checks itself', () => {
    expect(activationWith({ licenseNumber: '' })).toBe(false);
    expect(activationWith({ licenseNumber: 'x'.repeat(65) })).toBe(false);
    expect(activationWith({ licenseNumber: 'x' })).toBe(true);
  });

  it('takes product codes of 2 to 64 lower-case letters, digits and hyphens, not starting with a hyphen', () => {
    for (const good of ['ab', 'a1', '0-', 'tax-free-terminal', `a${'b'.repeat(63)}`])
      expect(accepts(ProductCode, good), good).toBe(true);
    for (const bad of ['a', '', '-ab', 'Accounting', 'ab ', ' ab', 'a_b', `a${'b'.repeat(64)}`])
      expect(accepts(ProductCode, bad), bad).toBe(false);
  });

  it('takes only a hashed device number', () => {
    expect(activationWith({ device: 'f'.repeat(64) })).toBe(true);
    for (const bad of [DEVICE.slice(1), `${DEVICE}0`, DEVICE.toUpperCase(), `${DEVICE.slice(1)}g`, `${DEVICE.slice(1)} `])
      expect(activationWith({ device: bad }), bad).toBe(false);
  });

  it('takes a semantic version with an optional pre-release', () => {
    for (const good of ['1.2.3', '10.20.30', '0.0.1', '2.0.0-beta.1', '1.0.0-Alpha.1-x9'])
      expect(accepts(AppVersion, good), good).toBe(true);
    for (const bad of ['1.0', 'v1.0.0', '1.0.0-', '1.0.0+build', '1.0.0-ß', 'x1.0.0', '1.0.0x', '1.a.0', '1..0', '1.0.0-a b'])
      expect(accepts(AppVersion, bad), bad).toBe(false);
  });

  it('refuses fields it does not know', () => {
    expect(activationWith({ extra: 1 })).toBe(false);
    expect(accepts(OrderStatusQuerySchema, { licenseNumber: 'x', device: DEVICE })).toBe(true);
    expect(accepts(OrderStatusQuerySchema, { licenseNumber: '7KQ2-M9XD-4TBA-HR3Y', device: DEVICE })).toBe(true);
    expect(accepts(OrderStatusQuerySchema, { licenseNumber: '', device: DEVICE })).toBe(false);
    expect(accepts(OrderStatusQuerySchema, { licenseNumber: 'x'.repeat(65), device: DEVICE })).toBe(false);
    expect(accepts(OrderStatusQuerySchema, { licenseNumber: 'x', device: DEVICE, extra: 1 })).toBe(false);
  });

  it('starts a trial only with the terms accepted', () => {
    const trial = { product: 'tax-free-terminal', device: DEVICE, appVersion: '1.0.0', termsAccepted: true };
    expect(accepts(TrialRequestSchema, trial)).toBe(true);
    expect(accepts(TrialRequestSchema, { ...trial, termsAccepted: false })).toBe(false);
    expect(accepts(TrialRequestSchema, { ...trial, extra: 1 })).toBe(false);
  });

  it('trims and bounds a package registration', () => {
    const registration = {
      product: 'accounting',
      registrationNumber: ' 1234-5678-9012 ',
      installKey: '  7KQ2-M9XD-4TBA-HR3Y ',
      name: ' 山田 太郎 ',
      email: 'taro@example.jp',
    };
    expect(RegistrationRequestSchema.parse(registration)).toEqual({
      product: 'accounting',
      registrationNumber: '1234-5678-9012',
      installKey: '7KQ2-M9XD-4TBA-HR3Y',
      name: '山田 太郎',
      email: 'taro@example.jp',
    });
    const registrationWith = (changes: Record<string, unknown>) =>
      accepts(RegistrationRequestSchema, { ...registration, ...changes });
    for (const field of ['registrationNumber', 'installKey']) {
      expect(registrationWith({ [field]: ` ${'1'.repeat(32)} ` }), field).toBe(true);
      expect(registrationWith({ [field]: '1'.repeat(33) }), field).toBe(false);
      expect(registrationWith({ [field]: '   ' }), field).toBe(false);
    }
    expect(registrationWith({ name: 'x'.repeat(100) })).toBe(true);
    expect(registrationWith({ name: 'x'.repeat(101) })).toBe(false);
    expect(registrationWith({ name: ' ' })).toBe(false);
    expect(registrationWith({ email: 'not-an-address' })).toBe(false);
    const longEmail = (length: number) => `${'a'.repeat(64)}@${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(length - 196)}.jp`;
    expect(registrationWith({ email: longEmail(254) })).toBe(true);
    expect(registrationWith({ email: longEmail(255) })).toBe(false);
    expect(registrationWith({ extra: 1 })).toBe(false);
    expect(accepts(RegistrationResponseSchema, { registered: true, licenseNumber: '7KQ2-M9XD-4TBA-HR3Y' })).toBe(true);
    expect(accepts(RegistrationResponseSchema, { registered: false, licenseNumber: '7KQ2-M9XD-4TBA-HR3Y' })).toBe(false);
  });

  it('quotes 1 to 120 whole months with at most 20 well-formed option codes', () => {
    const quote = { licenseNumber: 'x', device: DEVICE, months: 12, options: ['payroll', 'e-tax'] };
    const quoteWith = (changes: Record<string, unknown>) => accepts(QuoteRequestSchema, { ...quote, ...changes });
    expect(quoteWith({})).toBe(true);
    for (const months of [1, 120]) expect(quoteWith({ months }), `${months}`).toBe(true);
    for (const months of [0, 121, 1.5, '12']) expect(quoteWith({ months }), `${months}`).toBe(false);
    expect(quoteWith({ options: ['a', '0', `a${'b'.repeat(63)}`] })).toBe(true);
    for (const bad of ['', '-a', 'Payroll', `a${'b'.repeat(64)}`, 'a b']) expect(quoteWith({ options: [bad] }), bad).toBe(false);
    expect(quoteWith({ options: Array.from({ length: 20 }, (_, i) => `o${i}`) })).toBe(true);
    expect(quoteWith({ options: Array.from({ length: 21 }, (_, i) => `o${i}`) })).toBe(false);
    expect(quoteWith({ extra: 1 })).toBe(false);
  });

  it('orders a quote by one of the three payment methods, with a card when paying by card', () => {
    const order = {
      licenseNumber: 'x',
      device: DEVICE,
      quoteId: 'q_1',
      method: 'card',
      card: { number: '4242 4242 4242 4242', expiry: '12/29' },
    };
    const orderWith = (changes: Record<string, unknown>) => accepts(OrderRequestSchema, { ...order, ...changes });
    expect(orderWith({})).toBe(true);
    for (const method of ['card', 'bank-transfer', 'account-transfer'])
      expect(orderWith({ method, card: undefined }), method).toBe(true);
    expect(orderWith({ method: 'cash' })).toBe(false);
    expect(orderWith({ quoteId: '' })).toBe(false);
    expect(orderWith({ quoteId: 'q'.repeat(64) })).toBe(true);
    expect(orderWith({ quoteId: 'q'.repeat(65) })).toBe(false);
    expect(orderWith({ extra: 1 })).toBe(false);
  });

  it('takes card numbers of 12 to 23 digits and spaces, and expiries as MM/YY', () => {
    const cardWith = (changes: Record<string, unknown>) =>
      accepts(CardSchema, { number: '4242424242424242', expiry: '12/29', ...changes });
    for (const number of ['1'.repeat(12), '4242 4242 4242 4242', '1'.repeat(23)]) expect(cardWith({ number }), number).toBe(true);
    for (const number of ['1'.repeat(11), '1'.repeat(24), '4242-4242-4242-4242', '4242424242424x42'])
      expect(cardWith({ number }), number).toBe(false);
    for (const expiry of ['01/27', '09/27', '10/27', '12/27']) expect(cardWith({ expiry }), expiry).toBe(true);
    for (const expiry of ['00/27', '13/27', '1/27', '01/2027', '01/2', '01-27', 'a1/27', '01/2a', ' 01/27', '01/27 '])
      expect(cardWith({ expiry }), expiry).toBe(false);
    expect(cardWith({ cvc: '123' })).toBe(false);
  });
});

describe('refusal messages', () => {
  // parseBody answers `400 invalid-request` with `<field>: <message>`, so a client can tell what to fix.
  const messages = (schema: z.ZodType, value: unknown) =>
    schema.safeParse(value).error?.issues.map(({ path, message }) => `${path.join('.')}: ${message}`);

  it('say which field is wrong and what was expected', () => {
    const activation = { licenseNumber: 'x', product: 'Accounting', device: 'abc', appVersion: '1.0' };
    expect(messages(ActivationRequestSchema, activation)).toEqual([
      'product: expected a product code',
      'device: expected a hashed device number',
      'appVersion: expected a semantic version',
    ]);
    expect(messages(CardSchema, { number: '42', expiry: '2027-01' })).toEqual(['number: card number digits', 'expiry: MM/YY']);
  });
});

describe('license service answers', () => {
  const license = { license: SIGNED, serverTime: '2026-04-01T10:00:00+09:00' };
  const renewal = { orderId: 'ord_1', state: 'pending', method: 'bank-transfer', dueOn: '2026-04-15' };

  it('carries a signed license, the service time with its offset, and any unsettled renewal', () => {
    expect(LicenseResponseSchema.parse(license)).toEqual(license);
    expect(accepts(LicenseResponseSchema, { ...license, serverTime: '2026-04-01T01:00:00Z' })).toBe(true);
    expect(accepts(LicenseResponseSchema, { ...license, serverTime: '2026-04-01T10:00:00' })).toBe(false);
    expect(accepts(LicenseResponseSchema, { ...license, renewal: null })).toBe(true);
    expect(accepts(LicenseResponseSchema, { ...license, extra: 1 })).toBe(false);
    expect(accepts(LicenseResponseSchema, { ...license, license: { ...SIGNED, signature: 'x' } })).toBe(false);
  });

  it('describes an unsettled renewal by order, state, method and due date', () => {
    const withRenewal = (changes: Record<string, unknown>) =>
      accepts(LicenseResponseSchema, { ...license, renewal: { ...renewal, ...changes } });
    expect(withRenewal({})).toBe(true);
    for (const state of ['pending', 'lapsed', 'needs-support']) expect(withRenewal({ state }), state).toBe(true);
    for (const method of ['card', 'bank-transfer', 'account-transfer']) expect(withRenewal({ method }), method).toBe(true);
    expect(withRenewal({ state: 'paid' })).toBe(false);
    expect(withRenewal({ method: 'cash' })).toBe(false);
    expect(withRenewal({ dueOn: null })).toBe(true);
    for (const dueOn of ['2026-4-15', '2026-04-15T00:00:00Z', 'x2026-04-15', '2026-04-15x'])
      expect(withRenewal({ dueOn }), dueOn).toBe(false);
    expect(withRenewal({ orderId: '' })).toBe(false);
    expect(withRenewal({ orderId: 'o'.repeat(64) })).toBe(true);
    expect(withRenewal({ orderId: 'o'.repeat(65) })).toBe(false);
    expect(withRenewal({ extra: 1 })).toBe(false);
  });

  it('refuses errors with codes the app does not know, and details that are not text or numbers', () => {
    const error = { code: 'renewal-not-open', message: '更新期間ではありません', details: { opensOn: '2026-08-01', days: 3 } };
    expect(ErrorBodySchema.parse({ error })).toEqual({ error });
    expect(accepts(ErrorBodySchema, { error: { code: 'moved', message: '' } })).toBe(true);
    expect(accepts(ErrorBodySchema, { error: { ...error, code: 'teapot' } })).toBe(false);
    expect(accepts(ErrorBodySchema, { error: { ...error, details: { ok: true } } })).toBe(false);
    expect(accepts(ErrorBodySchema, { error: { code: 'moved' } })).toBe(false);
  });

  const quote: Quote = {
    id: 'q_1',
    planKind: 'continuous',
    term: { start: '2027-04-01', end: '2028-03-31' },
    months: 12,
    options: ['payroll', 'e-tax'],
    lines: [
      { code: 'basic', label: '基本使用サービス（12ヶ月）', amountYen: 30000, kind: 'basic', status: 'charged', months: 12 },
      { code: 'option:payroll', label: '給与', amountYen: 0, kind: 'option', status: 'included', months: 12 },
      {
        code: 'option:e-tax',
        label: '電子申告',
        amountYen: 5000,
        kind: 'option',
        status: 'free',
        months: 12,
        missingApplications: 1,
        feeYenTaxIncluded: 5500,
      },
    ],
    subtotalYen: 35000,
    taxYen: 3500,
    totalYen: 38500,
    taxRatePercent: 10,
    expiresAt: '2026-04-08T00:00:00Z',
    paymentMethods: [
      { code: 'card', label: 'クレジットカード', autoRenews: false, setupDays: null },
      { code: 'bank-transfer', label: '銀行振込', autoRenews: false, setupDays: null },
      { code: 'account-transfer', label: '口座振替', autoRenews: true, setupDays: 30 },
    ],
    uncoveredOptions: [{ option: 'e-tax', missingApplications: 1, feeYen: 5500 }],
  };

  it('carries a quote with its lines, payment methods and uncovered options', () => {
    const response = { quote, serverTime: '2026-04-01T00:00:00Z' };
    expect(QuoteResponseSchema.parse(response)).toEqual(response);
    expect(accepts(QuoteResponseSchema, { ...response, quote: { ...quote, planKind: 'resumption' } })).toBe(true);
    expect(accepts(QuoteResponseSchema, { ...response, quote: { ...quote, planKind: 'repurchase' } })).toBe(false);
    const line = quote.lines[0]!;
    expect(accepts(QuoteResponseSchema, { ...response, quote: { ...quote, lines: [{ ...line, kind: 'fee' }] } })).toBe(false);
    expect(accepts(QuoteResponseSchema, { ...response, quote: { ...quote, lines: [{ ...line, status: 'waived' }] } })).toBe(
      false,
    );
    expect(accepts(QuoteResponseSchema, { ...response, quote: { ...quote, lines: [{ ...line, amountYen: 0.5 }] } })).toBe(false);
    const method = quote.paymentMethods[0]!;
    expect(
      accepts(QuoteResponseSchema, { ...response, quote: { ...quote, paymentMethods: [{ ...method, code: 'cash' }] } }),
    ).toBe(false);
    expect(accepts(QuoteResponseSchema, { ...response, extra: 1 })).toBe(false);
  });

  const order: Order = {
    id: 'ord_1',
    state: 'pending',
    method: 'bank-transfer',
    amountYen: 38500,
    term: null,
    dueOn: '2026-04-15',
    transfer: {
      bankName: '見本銀行',
      branchName: '本店',
      accountType: '普通',
      accountNumber: '1234567',
      accountHolder: 'ミホンソフト（カ',
      reference: 'R-0001',
      amountYen: 38500,
      dueOn: '2026-04-15',
    },
    autoRenew: false,
  };

  it('carries an order in any of its states, with transfer instructions or a renewed license', () => {
    const response = { order, license: null, serverTime: '2026-04-01T00:00:00Z' };
    expect(OrderResponseSchema.parse(response)).toEqual(response);
    for (const state of ['pending', 'paid', 'declined', 'lapsed', 'needs-support'])
      expect(accepts(OrderResponseSchema, { ...response, order: { ...order, state } }), state).toBe(true);
    expect(accepts(OrderResponseSchema, { ...response, order: { ...order, state: 'refunded' } })).toBe(false);
    const paid = {
      ...order,
      state: 'paid',
      method: 'card',
      term: { start: '2027-04-01', end: '2028-03-31' },
      transfer: null,
      dueOn: null,
    };
    expect(accepts(OrderResponseSchema, { ...response, order: paid, license: SIGNED })).toBe(true);
    expect(accepts(OrderResponseSchema, { ...response, extra: 1 })).toBe(false);
    expect(accepts(OrderResponseSchema, { ...response, order: { ...paid, term: { start: '2027-04-01' } } })).toBe(false);
    expect(accepts(OrderResponseSchema, { ...response, order: { ...order, instructionsMailed: true } })).toBe(true);
  });

  it('reports an order as it stands now, and the service health', () => {
    const status = { order, serverTime: '2026-04-01T00:00:00Z' };
    expect(OrderStatusResponseSchema.parse(status)).toEqual(status);
    expect(accepts(OrderStatusResponseSchema, { serverTime: status.serverTime })).toBe(false);
    expect(accepts(OrderStatusResponseSchema, { ...status, license: null })).toBe(false);
    const health = { ok: true, serverTime: '2026-04-01T00:00:00Z', demo: false };
    expect(HealthResponseSchema.parse(health)).toEqual(health);
    expect(accepts(HealthResponseSchema, { ...health, ok: false })).toBe(false);
    expect(accepts(HealthResponseSchema, { ok: true, serverTime: health.serverTime })).toBe(false);
  });
});
