import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type LaunchState } from '../../../src-shared/ipc/launch-state';
import { initI18n } from '../../../src-renderer/i18n/i18n';
import { VersionInfo } from '../../../src-renderer/views/VersionInfo';
import { sampleLaunchState, sampleLicense } from '../../fixtures/launch-state';

afterEach(cleanup);

const license: NonNullable<LaunchState['license']> = {
  ...sampleLicense,
  options: [{ code: 'e-filing', label: '電子申告オプション', end: '2027-03-31' }],
};
const state = sampleLaunchState({
  appVersion: '1.2.3',
  canStart: true,
  screen: 'none',
  license,
  renewal: { path: 'wizard', windowOpen: false, opensOn: '2027-01-31', placed: null },
});
const actions = { onRenew: vi.fn(), onWebPage: vi.fn(), onPurchase: vi.fn() };

describe('VersionInfo', () => {
  it('shows the term in Japanese, as a JST calendar date whatever the machine zone, with the era form beside it', () => {
    initI18n('ja');
    render(<VersionInfo state={state} actions={actions} onClose={() => {}} />);
    expect(screen.getByRole('dialog', { name: 'バージョン情報' })).toBeTruthy();
    expect(screen.getByTestId('term-end').textContent).toBe('2027年3月31日(水)');
    expect(screen.getByTestId('term-end-era').textContent).toBe('（令和9年3月31日）');
    expect(screen.getByText('****-****-****-AB7K')).toBeTruthy();
    expect(screen.getByText('さくら会計 Desktop パッケージ版')).toBeTruthy();
    expect(screen.getByTestId('days-remaining').textContent).toBe('あと129日');
    expect(screen.getByText('電子申告オプション（2027年3月31日(水)まで）')).toBeTruthy();
    // 15:30 UTC on the 21st is 00:30 on the 22nd in Tokyo.
    expect(screen.getByText(/2026\/11\/22 0:30/)).toBeTruthy();
    // The window is not open yet: the reason, not a button.
    expect(screen.getByTestId('renewal-opens-on').textContent).toBe('更新のお手続きは2027年1月31日(日)から行えます。');
    expect(screen.queryByRole('button', { name: '更新手続きへ' })).toBeNull();
  });

  it('offers renewal when the window is open', () => {
    initI18n('ja');
    render(
      <VersionInfo state={{ ...state, renewal: { ...state.renewal, windowOpen: true } }} actions={actions} onClose={() => {}} />,
    );
    fireEvent.click(screen.getByRole('button', { name: '更新手続きへ' }));
    expect(actions.onRenew).toHaveBeenCalledOnce();
  });

  it('shows the same facts in English, without the era form', () => {
    initI18n('en');
    render(<VersionInfo state={state} actions={actions} onClose={() => {}} />);
    expect(screen.getByRole('dialog', { name: 'Version Info' })).toBeTruthy();
    expect(screen.getByTestId('term-end').textContent).toBe('Wed, 31 March 2027');
    expect(screen.queryByTestId('term-end-era')).toBeNull();
    expect(screen.getByText('電子申告オプション (until Wed, 31 March 2027)')).toBeTruthy();
  });

  it('says plainly when the term has ended', () => {
    initI18n('ja');
    render(<VersionInfo state={{ ...state, license: { ...license, daysRemaining: -3 } }} actions={actions} onClose={() => {}} />);
    expect(screen.getByTestId('days-remaining').textContent).toBe('有効期限を3日過ぎています');
  });

  it('explains a license that could not be verified, keeping the code in a details line', () => {
    initI18n('ja');
    render(<VersionInfo state={sampleLaunchState({ problem: 'stored-license-invalid' })} actions={actions} onClose={() => {}} />);
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('もう一度ライセンス認証を行ってください');
    expect(alert.querySelector('.error-code')?.textContent).toBe('エラーコード：stored-license-invalid');
  });
});
