import type { AppUpdater, ProgressInfo, UpdateDownloadedEvent, UpdateInfo } from 'electron-updater';
import { requireSecureServiceUrl } from '../config/secure-url';
import { type UpdateFeed, type Updater, type UpdaterEvent } from '../ports/updater';
import { releaseInfo } from '../update/release-info';
import { updateErrorCode } from '../update/update-error';

/** The part of electron-updater's `autoUpdater` the app uses; tests hand in a fake through `vi.mock('electron-updater')`. */
export type AutoUpdaterLike = Pick<
  AppUpdater,
  | 'autoDownload'
  | 'autoInstallOnAppQuit'
  | 'requestHeaders'
  | 'setFeedURL'
  | 'checkForUpdates'
  | 'downloadUpdate'
  | 'quitAndInstall'
> & { on(event: string, listener: (...args: never[]) => void): unknown };

/**
 * electron-updater's `autoUpdater` is created on first access and then requires Electron itself, so it is loaded
 * only when the app first asks the feed, never at import (a unit test of main.ts must not start Electron).
 */
async function loadAutoUpdater(): Promise<AutoUpdaterLike> {
  const module: { autoUpdater?: AutoUpdaterLike; default?: { autoUpdater: AutoUpdaterLike } } = await import('electron-updater');
  // Node's import() of this CommonJS package does not list the getter-defined `autoUpdater` as a named export, so
  // in Electron it is read from the default export (module.exports); a mocked module names it directly.
  return module.autoUpdater ?? module.default!.autoUpdater;
}

/**
 * The Updater port over electron-updater: the license service's generic feed (`${serviceUrl}/updates`), the signed
 * license token as a request header on every request (electron-updater merges `requestHeaders` into the channel
 * file and the download requests alike), autoDownload off so nothing is fetched until the user asks, and
 * `quitAndInstall` for 再起動して更新する. An unpackaged app cannot update itself, so it does not ask.
 */
export function createElectronUpdater(options: { packaged: boolean; load?: () => Promise<AutoUpdaterLike> }): Updater {
  const listeners = new Set<(event: UpdaterEvent) => void>();
  const emit = (event: UpdaterEvent) => {
    for (const listener of listeners) listener(event);
  };
  let loaded: Promise<AutoUpdaterLike> | null = null;
  let instance: AutoUpdaterLike | null = null;
  let feed: UpdateFeed | null = null;
  let feedUrlSet: string | null = null;

  const updater = async (): Promise<AutoUpdaterLike> => {
    loaded ??= (options.load ?? loadAutoUpdater)().then((auto) => {
      auto.autoDownload = false;
      // The user chooses when to install (再起動して更新する); nothing changes behind their back at quit.
      auto.autoInstallOnAppQuit = false;
      auto.on('checking-for-update', () => emit({ type: 'checking' }));
      auto.on('update-available', (info: UpdateInfo) => emit({ type: 'available', release: releaseInfo(info) }));
      auto.on('update-not-available', () => emit({ type: 'not-available' }));
      auto.on('download-progress', (progress: ProgressInfo) =>
        emit({
          type: 'progress',
          percent: progress.percent,
          bytesPerSecond: progress.bytesPerSecond,
          transferred: progress.transferred,
          total: progress.total,
        }),
      );
      auto.on('update-downloaded', (event: UpdateDownloadedEvent) => emit({ type: 'downloaded', version: event.version }));
      auto.on('error', (error: Error) => emit({ type: 'error', code: updateErrorCode(error) }));
      instance = auto;
      return auto;
    });
    const auto = await loaded;
    if (!feed) throw new Error('the update feed is not configured');
    // Checked again here, not only at config load: the license token rides on every feed request, and what the feed
    // answers decides which installer runs. The rejection's code reaches the update state as any feed failure does.
    requireSecureServiceUrl(feed.url, options.packaged);
    if (feedUrlSet !== feed.url) {
      auto.setFeedURL({ provider: 'generic', url: feed.url });
      feedUrlSet = feed.url;
    }
    // Replaced, not merged: a renewed license's token supersedes the old one.
    auto.requestHeaders = { ...feed.headers };
    return auto;
  };

  return {
    canUpdate: options.packaged,
    configure(next) {
      feed = { url: next.url, headers: { ...next.headers } };
    },
    async check() {
      await (await updater()).checkForUpdates();
    },
    async download() {
      await (await updater()).downloadUpdate();
    },
    install() {
      if (!instance) throw new Error('no update has been downloaded');
      instance.quitAndInstall(false, true);
      return { simulated: false };
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
