import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { appMenuTemplate, menuLabels } from '../../../src-main/electron/app-menu';
import { EventHub } from '../../../src-main/ipc/event-hub';
import { messages } from '../../../src-shared/messages';

type Item = MenuItemConstructorOptions;

function submenuOf(template: Item[], label: string): Item[] {
  const menu = template.find((item) => item.label === label);
  expect(menu, `menu ${label}`).toBeDefined();
  return menu!.submenu as Item[];
}

function clickItem(item: Item | undefined): void {
  expect(item).toBeDefined();
  (item!.click as () => void)();
}

function setUp(platform: NodeJS.Platform = 'win32') {
  const events = new EventHub();
  const sent: [string, unknown][] = [];
  events.subscribe((event, payload) => sent.push([event, payload]));
  return { template: appMenuTemplate({ labels: menuLabels(), platform, events }), sent };
}

describe('application menu', () => {
  it('ヘルプ → バージョン情報 sends menu:command version-info through the event hub', () => {
    const { template, sent } = setUp();
    const help = submenuOf(template, 'ヘルプ');
    clickItem(help.find((item) => item.label === 'バージョン情報'));
    expect(sent).toEqual([['menu:command', { command: 'version-info' }]]);
  });

  it('ヘルプ → ライセンス認証 and 表示 → ご契約状況 send activate and home', () => {
    const { template, sent } = setUp();
    clickItem(submenuOf(template, 'ヘルプ').find((item) => item.label === 'ライセンス認証'));
    clickItem(submenuOf(template, '表示').find((item) => item.label === 'ご契約状況'));
    expect(sent).toEqual([
      ['menu:command', { command: 'activate' }],
      ['menu:command', { command: 'home' }],
    ]);
  });

  it('ファイル → 終了 quits, and the menus come in the order ファイル, 表示, ヘルプ', () => {
    const { template } = setUp('linux');
    expect(template.map((item) => item.label ?? item.role)).toEqual(['ファイル', '表示', 'ヘルプ']);
    expect(submenuOf(template, 'ファイル')).toEqual([{ label: '終了', role: 'quit' }]);
  });

  it('adds the macOS app and edit menus only on macOS', () => {
    expect(
      setUp('darwin')
        .template.slice(0, 2)
        .map((item) => item.role),
    ).toEqual(['appMenu', 'editMenu']);
    expect(setUp('win32').template.some((item) => item.role === 'appMenu' || item.role === 'editMenu')).toBe(false);
  });

  it('takes its labels from the Japanese catalog', () => {
    const catalog = { ...messages.ja, menu: { ...messages.ja.menu, versionInfo: '版の情報' } };
    expect(menuLabels(catalog).versionInfo).toBe('版の情報');
    expect(menuLabels().help).toBe(messages.ja.menu.help);
  });
});
