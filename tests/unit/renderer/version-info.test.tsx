import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { initI18n } from '../../../src-renderer/i18n/i18n';
import { VersionInfo } from '../../../src-renderer/views/VersionInfo';

afterEach(cleanup);

const status = {
  appVersion: '1.2.3',
  problem: null,
  license: {
    licenseNumberMasked: '****-****-****-AB7K',
    product: 'sakura-kaikei',
    productName: 'さくら会計 Desktop',
    edition: 'package' as const,
    kind: 'perpetual' as const,
    state: 'active' as const,
    trial: false,
    termStart: '2026-04-01',
    termEnd: '2027-03-31',
    options: [{ code: 'e-filing', label: '電子申告オプション', end: '2027-03-31' }],
    daysRemaining: 129,
    deviceNumberShort: 'C6C1-E01C-4D9D',
    issuedAt: '2026-11-22T00:00:00.000Z',
    lastOnlineCheck: '2026-11-21T15:30:00.000Z',
  },
};

describe('VersionInfo', () => {
  it('shows the term in Japanese, as a JST calendar date whatever the machine zone', () => {
    initI18n('ja');
    render(<VersionInfo status={status} onClose={() => {}} />);
    expect(screen.getByRole('dialog', { name: 'バージョン情報' })).toBeTruthy();
    expect(screen.getByTestId('term-end').textContent).toBe('2027年3月31日(水)');
    expect(screen.getByText('****-****-****-AB7K')).toBeTruthy();
    expect(screen.getByText('さくら会計 Desktop パッケージ版')).toBeTruthy();
    expect(screen.getByTestId('days-remaining').textContent).toBe('あと129日');
    expect(screen.getByText('電子申告オプション（2027年3月31日(水)まで）')).toBeTruthy();
    // 15:30 UTC on the 21st is 00:30 on the 22nd in Tokyo.
    expect(screen.getByText(/2026\/11\/22 0:30/)).toBeTruthy();
  });

  it('shows the same facts in English', () => {
    initI18n('en');
    render(<VersionInfo status={status} onClose={() => {}} />);
    expect(screen.getByRole('dialog', { name: 'Version Info' })).toBeTruthy();
    expect(screen.getByTestId('term-end').textContent).toBe('Wed, 31 March 2027');
    expect(screen.getByText('電子申告オプション (until Wed, 31 March 2027)')).toBeTruthy();
  });

  it('says plainly when the term has ended', () => {
    initI18n('ja');
    render(<VersionInfo status={{ ...status, license: { ...status.license, daysRemaining: -3 } }} onClose={() => {}} />);
    expect(screen.getByTestId('days-remaining').textContent).toBe('有効期限を3日過ぎています');
  });

  it('explains a license that could not be verified', () => {
    initI18n('ja');
    render(<VersionInfo status={{ appVersion: '1.2.3', license: null, problem: 'stored-license-invalid' }} onClose={() => {}} />);
    expect(screen.getByRole('alert').textContent).toContain('もう一度ライセンス認証を行ってください');
  });
});
