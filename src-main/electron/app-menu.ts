import type { MenuItemConstructorOptions } from 'electron';
import type { IpcEventPayload } from '../../src-shared/ipc/events';
import { DEFAULT_LOCALE, messages, type Messages } from '../../src-shared/messages';
import type { EventHub } from '../ipc/event-hub';

export type MenuCommand = IpcEventPayload<'menu:command'>['command'];

export type MenuLabels = {
  file: string;
  quit: string;
  view: string;
  home: string;
  help: string;
  versionInfo: string;
  activate: string;
  support: string;
};

/** The native menu speaks the product's first language (Japanese), from the same catalogs as the renderer. */
export function menuLabels(catalog: Messages = messages[DEFAULT_LOCALE]): MenuLabels {
  const { file, quit, view, home, help, versionInfo, activate, support } = catalog.menu;
  return { file, quit, view, home, help, versionInfo, activate, support };
}

/**
 * The application menu. Its items do nothing themselves: each one becomes a `menu:command` event that the renderer
 * carries out, so the menu and the in-window menu bar (and the browser host, which has no native menu) behave alike.
 */
export function appMenuTemplate(input: {
  labels: MenuLabels;
  platform: NodeJS.Platform;
  events: Pick<EventHub, 'emit'>;
}): MenuItemConstructorOptions[] {
  const { labels, events } = input;
  const command = (name: MenuCommand) => events.emit('menu:command', { command: name });
  const mac = input.platform === 'darwin';
  return [
    // macOS puts Quit/Hide/About in the app menu, and copy/paste shortcuts work in text fields (the license number)
    // only when an Edit menu with those roles exists.
    ...(mac ? [{ role: 'appMenu' } as const, { role: 'editMenu' } as const] : []),
    { label: labels.file, submenu: [{ label: labels.quit, role: 'quit' }] },
    { label: labels.view, submenu: [{ label: labels.home, click: () => command('home') }] },
    {
      label: labels.help,
      role: 'help',
      submenu: [
        { label: labels.versionInfo, click: () => command('version-info') },
        { label: labels.activate, click: () => command('activate') },
        { label: labels.support, click: () => command('support') },
      ],
    },
  ];
}
