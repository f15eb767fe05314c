import { describe, expect, it, vi } from 'vitest';
import { forwardEvents } from '../../../src-main/electron/send-events';
import { EventHub } from '../../../src-main/ipc/event-hub';

function fakeWindow() {
  const state = { destroyed: false };
  return {
    state,
    isDestroyed: () => state.destroyed,
    webContents: { send: vi.fn(), isDestroyed: () => state.destroyed },
  };
}

describe('event sender', () => {
  it('sends each hub event to the live main window', () => {
    const events = new EventHub();
    const window = fakeWindow();
    forwardEvents(events, () => window);
    events.emit('menu:command', { command: 'home' });
    expect(window.webContents.send).toHaveBeenCalledWith('menu:command', { command: 'home' });
  });

  it('skips a destroyed window and a window not created yet', () => {
    const events = new EventHub();
    const window = fakeWindow();
    let current: ReturnType<typeof fakeWindow> | null = null;
    forwardEvents(events, () => current);
    expect(() => events.emit('menu:command', { command: 'home' })).not.toThrow();
    current = window;
    window.state.destroyed = true;
    events.emit('menu:command', { command: 'home' });
    expect(window.webContents.send).not.toHaveBeenCalled();
  });

  it('stops forwarding once unsubscribed', () => {
    const events = new EventHub();
    const window = fakeWindow();
    forwardEvents(events, () => window)();
    events.emit('menu:command', { command: 'activate' });
    expect(window.webContents.send).not.toHaveBeenCalled();
  });
});
