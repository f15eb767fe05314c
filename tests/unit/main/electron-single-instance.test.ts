import { describe, expect, it, vi } from 'vitest';
import { claimSingleInstance } from '../../../src-main/electron/single-instance';

function fakeApp(gotLock: boolean) {
  const handlers: Record<string, () => void> = {};
  return {
    handlers,
    app: {
      requestSingleInstanceLock: vi.fn(() => gotLock),
      quit: vi.fn(),
      on: vi.fn((name: string, fn: () => void) => void (handlers[name] = fn)),
    },
  };
}

function fakeWindow(minimized: boolean) {
  return { isDestroyed: () => false, isMinimized: () => minimized, restore: vi.fn(), focus: vi.fn() };
}

describe('single instance', () => {
  it('quits when another instance holds the lock', () => {
    const { app } = fakeApp(false);
    expect(claimSingleInstance(app as never, () => null)).toBe(false);
    expect(app.quit).toHaveBeenCalled();
    expect(app.on).not.toHaveBeenCalled();
  });

  it('keeps running with the lock, and a second instance restores and focuses the window', () => {
    const { app, handlers } = fakeApp(true);
    const window = fakeWindow(true);
    expect(claimSingleInstance(app as never, () => window)).toBe(true);
    expect(app.quit).not.toHaveBeenCalled();
    handlers['second-instance']!();
    expect(window.restore).toHaveBeenCalled();
    expect(window.focus).toHaveBeenCalled();
  });

  it('only focuses a window that is not minimized, and ignores a second instance before the window exists', () => {
    const { app, handlers } = fakeApp(true);
    let window: ReturnType<typeof fakeWindow> | null = null;
    claimSingleInstance(app as never, () => window);
    expect(() => handlers['second-instance']!()).not.toThrow();
    window = fakeWindow(false);
    handlers['second-instance']!();
    expect(window.restore).not.toHaveBeenCalled();
    expect(window.focus).toHaveBeenCalled();
  });
});
