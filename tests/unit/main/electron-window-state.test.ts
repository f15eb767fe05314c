import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  DEFAULT_WINDOW_STATE,
  readWindowState,
  trackWindowState,
  windowStateFile,
} from '../../../src-main/electron/window-state';

const PRIMARY = { workArea: { x: 0, y: 0, width: 1920, height: 1040 } };
const RIGHT = { workArea: { x: 1920, y: 0, width: 1280, height: 1000 } };

let dir: string;
let file: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'window-state-'));
  file = windowStateFile(dir);
});
afterEach(() => {
  vi.useRealTimers();
  fs.rmSync(dir, { recursive: true, force: true });
});

function fakeWindow(bounds = { x: 100, y: 80, width: 1000, height: 700 }, maximized = false) {
  const listeners: Record<string, () => void> = {};
  return {
    listeners,
    bounds,
    maximized,
    on(name: string, fn: () => void) {
      listeners[name] = fn;
      return this;
    },
    getNormalBounds() {
      return this.bounds;
    },
    isMaximized() {
      return this.maximized;
    },
    isDestroyed: () => false,
  };
}

describe('window state', () => {
  it('starts from the defaults when nothing was saved', () => {
    expect(readWindowState(file, [PRIMARY])).toEqual(DEFAULT_WINDOW_STATE);
  });

  it('round-trips bounds and the maximized flag, saving once after resizing settles', () => {
    vi.useFakeTimers();
    const window = fakeWindow();
    trackWindowState(window as never, file, { debounceMs: 500 });
    window.listeners.resize!();
    window.bounds = { x: 120, y: 90, width: 1100, height: 760 };
    window.maximized = true;
    window.listeners.resize!();
    vi.advanceTimersByTime(499);
    expect(fs.existsSync(file)).toBe(false);
    vi.advanceTimersByTime(1);
    expect(readWindowState(file, [PRIMARY])).toEqual({ x: 120, y: 90, width: 1100, height: 760, maximized: true });
  });

  it('saves at once when the window closes', () => {
    const window = fakeWindow({ x: 2000, y: 50, width: 900, height: 600 });
    trackWindowState(window as never, file);
    window.listeners.close!();
    // On the second display: kept, since it is on screen there.
    expect(readWindowState(file, [PRIMARY, RIGHT])).toEqual({ x: 2000, y: 50, width: 900, height: 600, maximized: false });
  });

  it.each([
    ['not JSON', '{{{'],
    ['wrong types', JSON.stringify({ x: 'a', y: 0, width: 800, height: 600, maximized: false })],
    ['a tiny window', JSON.stringify({ x: 0, y: 0, width: 1, height: 1, maximized: false })],
    ['missing fields', JSON.stringify({ width: 800 })],
    ['an array', '[]'],
  ])('falls back to the defaults for %s', (_name, content) => {
    fs.writeFileSync(file, content);
    expect(readWindowState(file, [PRIMARY])).toEqual(DEFAULT_WINDOW_STATE);
  });

  it('falls back to default bounds when the saved position is off every display', () => {
    // Saved on a second monitor that has since been unplugged.
    fs.writeFileSync(file, JSON.stringify({ x: 2000, y: 50, width: 900, height: 600, maximized: false }));
    expect(readWindowState(file, [PRIMARY])).toEqual(DEFAULT_WINDOW_STATE);
    // Title bar above the top of the screen: the window could not be dragged.
    fs.writeFileSync(file, JSON.stringify({ x: 100, y: -500, width: 900, height: 600, maximized: false }));
    expect(readWindowState(file, [PRIMARY])).toEqual(DEFAULT_WINDOW_STATE);
    // Only a sliver at the left edge.
    fs.writeFileSync(file, JSON.stringify({ x: -880, y: 100, width: 900, height: 600, maximized: false }));
    expect(readWindowState(file, [PRIMARY])).toEqual(DEFAULT_WINDOW_STATE);
  });
});
