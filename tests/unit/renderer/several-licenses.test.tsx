import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type LaunchState } from '../../../src-shared/ipc/launch-state';
import { initI18n } from '../../../src-renderer/i18n/i18n';
import { LicenseNotRenewedScreen } from '../../../src-renderer/screens/startup-screens';
import { setUpdateState } from '../../../src-renderer/update/update-store';
import { Home } from '../../../src-renderer/views/Home';
import { VersionInfo } from '../../../src-renderer/views/VersionInfo';
import { sampleLaunchState, sampleLicense } from '../../fixtures/launch-state';

// Seed 003 on the desktop: a suspended license says on its home screen and in バージョン情報 which license ended and
// how to renew; a license left behind by a partial renewal gets a blocking screen with the support contact.

afterEach(cleanup);

const other = { licenseNumberMasked: '****-****-****-HR35', productName: 'さくら会計 Desktop' };
const suspendedState = sampleLaunchState({
  canStart: true,
  screen: 'none',
  notices: ['support-suspended'],
  license: {
    ...sampleLicense,
    support: { state: 'suspended', cause: { ...other, endedOn: '2026-10-31', suspendedFrom: '2026-11-01' } },
  },
});
const stoppedState = sampleLaunchState({
  canStart: false,
  screen: 'license-not-renewed',
  license: {
    ...sampleLicense,
    termEnd: '2026-10-31',
    daysRemaining: -22,
    support: { state: 'ended-stopped', cause: { ...other, renewedOn: '2026-11-10' } },
  },
});
const renewalActions = { onRenew: vi.fn(), onWebPage: vi.fn(), onPurchase: vi.fn() };
const screenActions = () => ({
  set: vi.fn(),
  recheck: vi.fn(async () => {}),
  open: vi.fn(),
  renew: vi.fn(),
  continueToProduct: vi.fn(),
});

const noticeText = (state: LaunchState) => {
  render(<Home state={state} actions={renewalActions} onRecheck={async () => {}} />);
  const notices = screen.getByRole('list', { name: /お知らせ|Notices/ });
  return within(notices).getByRole('status').textContent ?? '';
};

describe('a suspended license (seed 003)', () => {
  it('home says which license ended, when, since when this one is suspended, and how to renew', () => {
    initI18n('ja');
    const text = noticeText(suspendedState);
    expect(text).toContain('ライセンス ****-****-****-HR35（さくら会計 Desktop）のサポートが2026年10月31日');
    expect(text).toContain('2026年11月1日');
    expect(text).toContain('バージョンアップは提供されません');
    expect(text).toContain('そのライセンスのサポートを更新するか、お持ちのライセンスのサポートをまとめて更新してください');
    expect(screen.getByRole('heading', { name: 'ご契約状況' })).toBeTruthy();
  });

  it('says the same in English', () => {
    initI18n('en');
    const text = noticeText(suspendedState);
    expect(text).toContain('Support for license ****-****-****-HR35 (さくら会計 Desktop) ended on');
    expect(text).toContain('renew that license, or renew your licenses together');
  });

  it('falls back to a general sentence when the view carries no cause', () => {
    initI18n('ja');
    const text = noticeText({ ...suspendedState, license: sampleLicense });
    expect(text).toBe(
      'お持ちのほかのライセンスのサポートが終了したため、このライセンスのサポートは一時停止しています。製品はこのままお使いいただけますが、バージョンアップは提供されません。',
    );
  });

  it('バージョン情報 shows the support state with its cause, and why there are no updates', () => {
    initI18n('ja');
    act(() => setUpdateState({ status: 'disabled', reason: 'support-suspended' }));
    render(<VersionInfo state={suspendedState} actions={renewalActions} onClose={() => {}} />);
    const line = screen.getByTestId('support-state');
    expect(line.dataset.state).toBe('suspended');
    expect(line.textContent).toContain('一時停止中（2026年11月1日');
    expect(line.textContent).toContain('ライセンス ****-****-****-HR35（さくら会計 Desktop）のサポートが2026年10月31日');
    expect(screen.getByTestId('update-disabled').textContent).toBe(
      'このライセンスのサポートが一時停止しているため、バージョンアップは提供されません。サポートが終了したライセンスを更新すると、再びご利用いただけます。',
    );
  });

  it('バージョン情報 has no support line for a single license', () => {
    initI18n('ja');
    render(<VersionInfo state={{ ...suspendedState, license: sampleLicense }} actions={renewalActions} onClose={() => {}} />);
    expect(screen.queryByTestId('support-state')).toBeNull();
  });

  it.each([
    ['active', '有効'],
    ['ended-continues', '終了（製品は引き続きお使いいただけます）'],
  ] as const)('バージョン情報 words the %s state', (state, text) => {
    initI18n('ja');
    render(
      <VersionInfo
        state={{ ...suspendedState, license: { ...sampleLicense, support: { state } } }}
        actions={renewalActions}
        onClose={() => {}}
      />,
    );
    expect(screen.getByTestId('support-state').textContent).toBe(text);
  });
});

describe('a license not renewed with the others (seed 003)', () => {
  it('blocks with what happened, which license was renewed, what to do, the support contact and a recheck', () => {
    initI18n('ja');
    const actions = screenActions();
    render(<LicenseNotRenewedScreen state={stoppedState} actions={actions} />);
    expect(screen.getByRole('heading', { name: 'このライセンスは継続してお使いいただけません' })).toBeTruthy();
    expect(screen.getByText(/このライセンス（\*\*\*\*-\*\*\*\*-\*\*\*\*-AB7K）は更新されなかったため/)).toBeTruthy();
    expect(screen.getByTestId('not-renewed-cause').textContent).toMatch(
      /^2026年11月10日.*に、ライセンス \*\*\*\*-\*\*\*\*-\*\*\*\*-HR35（さくら会計 Desktop）のサポートが更新されています。$/,
    );
    expect(screen.getByText(/サポートセンターへお問い合わせください/)).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'サポートセンター' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '再確認する' }));
    expect(actions.recheck).toHaveBeenCalledOnce();
    expect(screen.queryByRole('button', { name: /製品を使う/ })).toBeNull();
  });

  it('reads in English too', () => {
    initI18n('en');
    render(<LicenseNotRenewedScreen state={stoppedState} actions={screenActions()} />);
    expect(screen.getByRole('heading', { name: 'This license can no longer be used' })).toBeTruthy();
    expect(screen.getByTestId('not-renewed-cause').textContent).toContain('Support for license ****-****-****-HR35');
  });
});
