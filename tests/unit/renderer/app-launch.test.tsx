import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type LaunchState } from '../../../src-shared/ipc/launch-state';
import { SCREEN_CODES } from '../../../src-shared/licensing/launch-codes';
import { App } from '../../../src-renderer/app/App';
import { initI18n } from '../../../src-renderer/i18n/i18n';
import { STARTUP_SCREENS } from '../../../src-renderer/screens/screen-map';
import { sampleLaunchState, sampleLicense } from '../../fixtures/launch-state';

const license = sampleLicense;

/** A stand-in for the preload: the same shape, with the event listeners in the test's hands. */
function installApi(initial: LaunchState) {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const calls: string[] = [];
  const api = {
    launchState: async () => (calls.push('launch:state'), { ok: true, value: initial }),
    launchRecheck: async () => ({ ok: true, value: initial }),
    licenseActivate: async () => ({ ok: true, value: initial }),
    trialStart: async () => ({ ok: true, value: initial }),
    externalOpen: async () => ({ ok: true, value: { url: 'https://support.example.jp/' } }),
    on: (event: string, listener: (payload: unknown) => void) => {
      const set = listeners.get(event) ?? new Set();
      set.add(listener);
      listeners.set(event, set);
      return () => set.delete(listener);
    },
  };
  Object.defineProperty(globalThis, 'desktopApi', { value: api, configurable: true });
  const emit = (event: string, payload: unknown) => act(() => listeners.get(event)?.forEach((l) => l(payload)));
  return { emit, listeners, calls };
}

beforeEach(() => initI18n('ja'));
afterEach(() => {
  cleanup();
  delete (globalThis as Record<string, unknown>).desktopApi;
});

describe('the renderer follows the launch state', () => {
  it('subscribes once and changes screen when main pushes a new state, without a reload', async () => {
    const home = sampleLaunchState({ canStart: true, screen: 'none', license });
    const { emit, listeners, calls } = installApi(home);
    render(<App />);
    expect(await screen.findByRole('heading', { name: 'ご契約状況' })).toBeTruthy();
    expect(listeners.get('launch:changed')?.size).toBe(1);
    expect(calls).toEqual(['launch:state']);
    await emit('launch:changed', { ...home, canStart: false, screen: 'license-moved', license: { ...license, state: 'moved' } });
    expect(screen.getByRole('heading', { name: 'このライセンスは別の端末で使用されています' })).toBeTruthy();
    await emit('launch:changed', { ...home, canStart: false, screen: 'license-stopped' });
    expect(screen.getByRole('heading', { name: 'このライセンスは停止されています' })).toBeTruthy();
  });

  it('opens バージョン情報 when the native menu sends its command', async () => {
    const { emit } = installApi(sampleLaunchState({ canStart: true, screen: 'none', license }));
    render(<App />);
    await screen.findByRole('heading', { name: 'ご契約状況' });
    await emit('menu:command', { command: 'version-info' });
    expect(screen.getByRole('dialog', { name: 'バージョン情報' })).toBeTruthy();
  });

  it('has a component for every startup screen, each with its own heading', async () => {
    expect(Object.keys(STARTUP_SCREENS).sort()).toEqual(SCREEN_CODES.filter((c) => c !== 'none').sort());
    const headings = new Set<string>();
    for (const code of SCREEN_CODES.filter((c) => c !== 'none')) {
      installApi(
        sampleLaunchState({
          screen: code,
          license:
            code === 'activate' || code === 'store-unavailable'
              ? null
              : { ...license, termEnd: '2026-11-01', daysRemaining: -21 },
          problem: code === 'store-unavailable' ? 'database-locked' : null,
        }),
      );
      const view = render(<App />);
      const heading = await screen.findAllByRole('heading', { level: 1 });
      headings.add(`${code}:${heading[0]!.textContent}`);
      view.unmount();
    }
    expect(headings.size).toBe(SCREEN_CODES.length - 1);
  });
});
