import { type ErrorCode } from '../../src-shared/contracts/error-codes';

/** A release the feed offers, as the channel file (latest.yml) describes it. */
export type ReleaseInfo = { version: string; releaseNotes: string | null; releaseDate: string | null };

/** What an updater reports while it works; the update service turns these into the shared state union. */
export type UpdaterEvent =
  | { type: 'checking' }
  | { type: 'available'; release: ReleaseInfo }
  | { type: 'not-available' }
  | { type: 'progress'; percent: number; bytesPerSecond: number; transferred: number; total: number }
  | { type: 'downloaded'; version: string }
  | { type: 'error'; code: ErrorCode };

/** Where the feed is and what every request to it carries (the signed license token). */
export type UpdateFeed = { url: string; headers: Record<string, string> };

/**
 * Updates from the license service's generic feed. Electron: electron-updater's `autoUpdater` (generic provider,
 * autoDownload off, `quitAndInstall`); browser host: the same feed read over HTTP, the same file downloaded and
 * checked, and only the final install simulated.
 */
export type Updater = {
  /** False where this build cannot update itself (an unpackaged Electron app): the app then does not ask. */
  readonly canUpdate: boolean;
  /** Called before every check and download, so a renewed license's token is the one sent. */
  configure(feed: UpdateFeed): void;
  /** Asks the feed; the outcome arrives as events (and a failure also rejects). */
  check(): Promise<void>;
  /** Downloads the release the last check found; progress and the outcome arrive as events. */
  download(): Promise<void>;
  /** Quits and installs the downloaded release; `simulated` where this host cannot install (the browser host). */
  install(): { simulated: boolean };
  onEvent(listener: (event: UpdaterEvent) => void): () => void;
};
