import { Notification } from 'electron';
import type { Notifier } from '../ports/notifier';

/** Notifier port over Electron's Notification. Where the OS has none (some Linux desktops) a reminder is skipped, never an error. */
export function createElectronNotifier(): Notifier {
  return {
    show({ title, body }) {
      if (!Notification.isSupported()) return;
      new Notification({ title, body }).show();
    },
  };
}
