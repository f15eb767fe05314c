import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type CoTerm, type Order, type Quote } from '../../../src-shared/contracts/http';
import { type RenewalView } from '../../../src-shared/ipc/renewal-view';
import { startWizard, type WizardState } from '../../../src-shared/renewal/wizard';
import { initI18n } from '../../../src-renderer/i18n/i18n';
import { ChooseStep, DoneStep, QuoteStep } from '../../../src-renderer/renewal/wizard-steps';
import { BlockedRenewal } from '../../../src-renderer/renewal/BlockedRenewal';
import { RenewalEntry } from '../../../src-renderer/views/RenewalEntry';
import { sampleLaunchState, sampleLicense } from '../../fixtures/launch-state';

// Seed 003 in the wizard: 見積を変更する offers renewing every license together only when the service signed
// `support`; a co-terming quote lists every license to the common end; the done step names them all.

afterEach(cleanup);

const coTerm: CoTerm = {
  target: 'latest-end',
  commonEnd: '2028-03-31',
  licenses: [
    {
      licenseNumberLast: 'AB7K',
      product: 'sakura-kaikei',
      productName: 'さくら会計 Desktop',
      thisDevice: true,
      currentEnd: '2027-03-31',
      renewal: 'continuous',
      term: { start: '2027-04-01', end: '2028-03-31' },
      months: 12,
      amountYen: 46_000,
    },
    {
      licenseNumberLast: 'HR35',
      product: 'sakura-kaikei',
      productName: 'さくら会計 Desktop',
      thisDevice: false,
      currentEnd: '2026-10-31',
      renewal: 'resumption',
      term: { start: '2026-11-01', end: '2028-03-31' },
      months: 17,
      amountYen: 65_166,
    },
    {
      licenseNumberLast: 'Q9ZT',
      product: 'sakura-kaikei',
      productName: 'さくら会計 Desktop',
      thisDevice: false,
      currentEnd: '2028-03-31',
      renewal: 'none',
      term: null,
      months: 0,
      amountYen: 0,
    },
  ],
};
const quote = (withCoTerm: boolean): Quote => ({
  id: 'q1',
  planKind: 'continuous',
  term: { start: '2027-04-01', end: '2028-03-31' },
  months: 12,
  options: ['bank-import'],
  lines: [
    { code: 'basic', label: '基本使用サービス（12ヶ月）', amountYen: 46_000, kind: 'basic', status: 'charged', months: 12 },
  ],
  subtotalYen: withCoTerm ? 111_166 : 46_000,
  taxYen: withCoTerm ? 11_116 : 4_600,
  totalYen: withCoTerm ? 122_282 : 50_600,
  taxRatePercent: 10,
  expiresAt: '2026-11-23T00:00:00Z',
  paymentMethods: [{ code: 'card', label: 'クレジットカード', autoRenews: false, setupDays: null }],
  uncoveredOptions: [],
  ...(withCoTerm ? { coTerm } : {}),
});
const view = (coTermOffered: boolean, wizard: WizardState | null = null): RenewalView => ({
  wizard,
  choices: {
    months: [6, 12],
    options: [{ code: 'bank-import', label: '銀行連携オプション', removable: true, pricing: 'per-term' }],
  },
  blocked: null,
  mailed: false,
  resumptionDeadline: null,
  coTermOffered,
  coTermRefusal: null,
});
const atChoose = (together: WizardState['together'] = null): WizardState => ({
  ...startWizard({ months: 12, options: ['bank-import'] }),
  step: 'choose',
  quote: quote(false),
  together,
});

describe('見積を変更する: renewing the licenses together (seed 003)', () => {
  it('is not offered for a single license: no scope choice at all', () => {
    initI18n('ja');
    render(<ChooseStep view={view(false)} wizard={atChoose()} busy={false} act={vi.fn()} />);
    expect(screen.queryByRole('group', { name: '更新するライセンス' })).toBeNull();
    expect(screen.queryByLabelText(/まとめて更新/)).toBeNull();
  });

  it('offers this license alone (the default) or all together, and sends the target with 次へ', () => {
    initI18n('ja');
    const act = vi.fn();
    render(<ChooseStep view={view(true)} wizard={atChoose()} busy={false} act={act} />);
    const scope = screen.getByRole('group', { name: '更新するライセンス' });
    expect(within(scope).getByLabelText('このライセンスだけ更新する')).toHaveProperty('checked', true);
    expect(screen.getByRole('group', { name: 'オプション' })).toBeTruthy();
    fireEvent.click(within(scope).getByLabelText('お持ちのライセンスをまとめて更新し、サポート終了日をそろえる'));
    // Together: the target (the latest end by default), no option choice, and no length for the latest end.
    const target = screen.getByRole('group', { name: 'そろえるサポート終了日' });
    expect(within(target).getByLabelText('お持ちのライセンスのうち、いちばん遅いサポート終了日にそろえる')).toHaveProperty(
      'checked',
      true,
    );
    expect(screen.queryByRole('group', { name: 'オプション' })).toBeNull();
    expect(screen.queryByRole('group', { name: '更新期間' })).toBeNull();
    expect(screen.getByText(/各ライセンスは現在のオプションのまま更新されます/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '次へ' }));
    expect(act).toHaveBeenLastCalledWith({ type: 'choose', months: 12, options: ['bank-import'], together: 'latest-end' });

    fireEvent.click(within(target).getByLabelText(/選んだ更新期間だけ延長した日にそろえる/));
    fireEvent.click(screen.getByLabelText('6ヶ月'));
    fireEvent.click(screen.getByRole('button', { name: '次へ' }));
    expect(act).toHaveBeenLastCalledWith({ type: 'choose', months: 6, options: ['bank-import'], together: 'months' });

    fireEvent.click(within(scope).getByLabelText('このライセンスだけ更新する'));
    fireEvent.click(screen.getByRole('button', { name: '次へ' }));
    expect(act).toHaveBeenLastCalledWith({ type: 'choose', months: 6, options: ['bank-import'], together: null });
  });

  it('says why when the service could not renew together as chosen', () => {
    initI18n('ja');
    const refused = { ...view(true), coTermRefusal: { reason: 'all-ended', latestEnd: '2026-10-31' } };
    render(<ChooseStep view={refused} wizard={atChoose('latest-end')} busy={false} act={vi.fn()} />);
    expect(screen.getByRole('alert').textContent).toBe(
      'お持ちのライセンスはすべてサポートが終了しているため、いちばん遅いサポート終了日（2026年10月31日(土)）にはそろえられません。更新期間を選んでそろえるか、このライセンスだけを更新してください。',
    );
  });

  it('comes back with the choice the wizard holds (after a reload)', () => {
    initI18n('ja');
    render(<ChooseStep view={view(true)} wizard={atChoose('months')} busy={false} act={vi.fn()} />);
    expect(screen.getByLabelText('お持ちのライセンスをまとめて更新し、サポート終了日をそろえる')).toHaveProperty('checked', true);
    expect(screen.getByLabelText(/選んだ更新期間だけ延長した日にそろえる/)).toHaveProperty('checked', true);
  });
});

describe('the co-terming quote and its end', () => {
  const quoted = (withCoTerm: boolean): WizardState => ({
    ...startWizard({ months: 12, options: [] }),
    quote: quote(withCoTerm),
    together: withCoTerm ? 'latest-end' : null,
    passedChoose: true,
  });

  it('lists every license: masked number, product, current end → common end, months, amount, この端末; then the totals', () => {
    initI18n('ja');
    render(<QuoteStep view={view(true)} wizard={quoted(true)} busy={false} act={vi.fn()} />);
    expect(screen.getByTestId('co-term-common-end').textContent).toBe(
      '更新後、すべてのライセンスのサポート終了日は2028年3月31日(金)にそろいます。',
    );
    const table = screen.getByRole('table', { name: 'まとめて更新するライセンス' });
    const rows = within(table).getAllByRole('row');
    const cells = (row: HTMLElement) => [...row.querySelectorAll('th, td')].map((c) => c.textContent);
    expect(cells(rows[1]!)).toEqual([
      '****-****-****-AB7Kこの端末',
      'さくら会計 Desktop',
      '2027年3月31日(水) → 2028年3月31日(金)',
      '12ヶ月',
      '￥46,000',
    ]);
    expect(cells(rows[2]!)).toEqual([
      '****-****-****-HR35',
      'さくら会計 Desktop',
      '2026年10月31日(土) → 2028年3月31日(金)再開',
      '17ヶ月',
      '￥65,166',
    ]);
    expect(cells(rows[3]!)).toEqual([
      '****-****-****-Q9ZT',
      'さくら会計 Desktop',
      '2028年3月31日(金) → 2028年3月31日(金)',
      'そろっています',
      '￥0',
    ]);
    expect(screen.getByTestId('quote-total').textContent).toBe('￥122,282');
    expect(within(table).getByRole('rowheader', { name: '消費税（10%）' })).toBeTruthy();
    // The single-license lines and term are not shown for a co-terming quote.
    expect(screen.queryByTestId('new-term')).toBeNull();
  });

  it('shows the single-license quote as before when the quote is not co-terming', () => {
    initI18n('ja');
    render(<QuoteStep view={view(true)} wizard={quoted(false)} busy={false} act={vi.fn()} />);
    expect(screen.queryByTestId('co-term-table')).toBeNull();
    expect(screen.getByTestId('new-term')).toBeTruthy();
  });

  it('the done step says every listed license now ends on the common end', () => {
    initI18n('ja');
    const order: Order = {
      id: 'o1',
      state: 'paid',
      method: 'card',
      amountYen: 122_282,
      term: { start: '2027-04-01', end: '2028-03-31' },
      dueOn: null,
      transfer: null,
      autoRenew: false,
    };
    render(<DoneStep view={view(true)} wizard={{ ...quoted(true), step: 'done', order }} restart={vi.fn()} close={vi.fn()} />);
    expect(screen.getByTestId('co-term-done').textContent).toBe(
      'お支払いが完了しました。次の3件のライセンスのサポート終了日は、すべて2028年3月31日(金)になりました。製品を再起動すると新しい有効期間が反映されます。',
    );
    expect(screen.getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      '****-****-****-AB7K（さくら会計 Desktop）この端末',
      '****-****-****-HR35（さくら会計 Desktop）',
      '****-****-****-Q9ZT（さくら会計 Desktop）',
    ]);
  });

  it('reads in English too', () => {
    initI18n('en');
    render(<QuoteStep view={view(true)} wizard={quoted(true)} busy={false} act={vi.fn()} />);
    expect(screen.getByRole('table', { name: 'Licenses renewed together' })).toBeTruthy();
    expect(screen.getByTestId('co-term-common-end').textContent).toContain('support for every license ends on');
    expect(screen.getAllByText('This device')).toHaveLength(1);
  });
});

describe('before this license’s renewal window opens (seed 003: aligning means renewing early)', () => {
  const notOpen = (support: boolean) =>
    sampleLaunchState({
      renewal: { path: 'wizard', windowOpen: false, opensOn: '2027-04-22', placed: null },
      license: { ...sampleLicense, ...(support ? { support: { state: 'active' as const } } : {}) },
    });
  const actions = () => ({ onRenew: vi.fn(), onWebPage: vi.fn(), onPurchase: vi.fn() });

  it('ご契約状況 offers renewing together only for a license the service signed as one of several', () => {
    initI18n('ja');
    const a = actions();
    render(<RenewalEntry state={notOpen(true)} actions={a} labels="home" />);
    expect(screen.getByTestId('renewal-opens-on').textContent).toContain('2027年4月22日');
    fireEvent.click(screen.getByRole('button', { name: 'お持ちのライセンスをまとめて更新する' }));
    expect(a.onRenew).toHaveBeenCalledOnce();
    cleanup();
    render(<RenewalEntry state={notOpen(false)} actions={actions()} labels="home" />);
    expect(screen.queryByRole('button')).toBeNull();
  });

  it('the wizard’s not-open screen leads on to renewing together, only when offered', () => {
    initI18n('ja');
    const onTogether = vi.fn();
    const blocked = { ...view(true), blocked: { code: 'renewal-not-open' as const, details: { opensOn: '2027-04-22' } } };
    const props = { state: notOpen(true), busy: false, onRegister: vi.fn(), onWebForm: vi.fn(), onTogether };
    render(<BlockedRenewal view={blocked} {...props} />);
    fireEvent.click(screen.getByRole('button', { name: 'お持ちのライセンスをまとめて更新する' }));
    expect(onTogether).toHaveBeenCalledOnce();
    cleanup();
    render(<BlockedRenewal view={{ ...blocked, coTermOffered: false }} {...props} />);
    expect(screen.queryByRole('button', { name: 'お持ちのライセンスをまとめて更新する' })).toBeNull();
  });
});
