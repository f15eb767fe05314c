import fs from 'node:fs';
import path from 'node:path';
import type { BrowserWindow, Rectangle } from 'electron';
import { z } from 'zod';

export type WindowState = { x?: number; y?: number; width: number; height: number; maximized: boolean };

export const DEFAULT_WINDOW_STATE: WindowState = { width: 960, height: 680, maximized: false };

const SavedStateSchema = z.object({
  x: z.number().int(),
  y: z.number().int(),
  width: z.number().int().min(200).max(20000),
  height: z.number().int().min(200).max(20000),
  maximized: z.boolean(),
});

// A window counts as reachable when this much of its title bar strip lies on some display's work area: enough to
// grab and drag it. A monitor unplugged since the last run leaves saved coordinates off every screen.
const TITLE_BAR_HEIGHT = 32;
const MIN_VISIBLE_WIDTH = 100;

export function windowStateFile(userDataDir: string): string {
  return path.join(userDataDir, 'window-state.json');
}

function overlap(a: Rectangle, b: Rectangle): { width: number; height: number } {
  return {
    width: Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x),
    height: Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y),
  };
}

export function isReachable(bounds: Rectangle, workAreas: readonly Rectangle[]): boolean {
  const titleBar = { x: bounds.x, y: bounds.y, width: bounds.width, height: TITLE_BAR_HEIGHT };
  return workAreas.some((area) => {
    const shared = overlap(titleBar, area);
    return shared.width >= Math.min(MIN_VISIBLE_WIDTH, bounds.width) && shared.height >= TITLE_BAR_HEIGHT / 2;
  });
}

/**
 * The last session's bounds, or the defaults (centred by Electron) when the file is missing, unreadable, not what
 * we wrote, or would put the window off every display. Never throws: a window position is not worth a failed start.
 */
export function readWindowState(file: string, displays: readonly { workArea: Rectangle }[]): WindowState {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return { ...DEFAULT_WINDOW_STATE };
  }
  const parsed = SavedStateSchema.safeParse(raw);
  if (!parsed.success) return { ...DEFAULT_WINDOW_STATE };
  const state = parsed.data;
  const workAreas = displays.map((display) => display.workArea);
  if (!isReachable(state, workAreas)) {
    return { ...DEFAULT_WINDOW_STATE, maximized: state.maximized };
  }
  return state;
}

export function writeWindowState(file: string, state: Required<WindowState>): void {
  // Write then rename, so a crash mid-write leaves the old file rather than half a JSON document.
  const temp = `${file}.tmp`;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(temp, JSON.stringify(state));
  fs.renameSync(temp, file);
}

export type TrackedWindow = Pick<BrowserWindow, 'on' | 'getNormalBounds' | 'isMaximized' | 'isDestroyed'>;

/**
 * Saves the window's normal (un-maximized) bounds and maximized flag: debounced while it is resized or moved, and
 * at once when it closes. Returns `flush` for tests and for a quit that skips `close`.
 */
export function trackWindowState(
  window: TrackedWindow,
  file: string,
  options: { debounceMs?: number; onError?: (error: unknown) => void } = {},
): { flush: () => void } {
  const debounceMs = options.debounceMs ?? 500;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (window.isDestroyed()) return;
    try {
      writeWindowState(file, { ...window.getNormalBounds(), maximized: window.isMaximized() });
    } catch (error) {
      options.onError?.(error);
    }
  };
  const later = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(flush, debounceMs);
  };
  window.on('resize', later);
  window.on('move', later);
  window.on('maximize', later);
  window.on('unmaximize', later);
  window.on('close', flush);
  return { flush };
}
