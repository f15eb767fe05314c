import fs from 'node:fs';
import path from 'node:path';
import { type CalendarDate, compareDates } from '../../src-shared/licensing';
import { type ChannelFile, parseChannelFile } from './channel-file';

export type FeedFile = {
  name: string;
  kind: 'channel' | 'artifact';
  /** JST date of the release the file belongs to; a term must reach this date to cover the file. */
  releaseDay: CalendarDate;
};

export type FeedLookup = { found: FeedFile } | { missing: true } | { invalidChannel: string };

export type OpenedFeedFile = { size: number; handle: fs.promises.FileHandle };

// One path segment of ordinary characters. Letters of any script are allowed because electron-builder names
// artifacts after the product name (さくら会計 Desktop Setup 1.0.0.exe); separators, '..', a leading dot and
// control characters are not, so a name can never leave the releases folder or reach a hidden file.
const SAFE_FILE_NAME = /^[\p{L}\p{N}][\p{L}\p{N}\p{M} ._+()-]{0,254}$/u;

export function isSafeFileName(name: string): boolean {
  return SAFE_FILE_NAME.test(name) && !name.includes('..');
}

const isChannelName = (name: string) => name.endsWith('.yml');

type CachedChannel = { stamp: string; parsed: ChannelFile | Error };

/**
 * The releases folder as electron-updater sees it. A file is part of the feed only if it is a channel file or
 * an artifact some channel file points to (or that artifact's `.blockmap`), so stray or superseded files in the
 * folder are never served. Channel files are re-read whenever their inode, size or mtime changes, so a release
 * published by replacing latest.yml is picked up by the next request without a restart.
 */
export class ReleaseFeed {
  private readonly channels = new Map<string, CachedChannel>();

  constructor(private readonly dir: string) {}

  async lookup(name: string): Promise<FeedLookup> {
    if (!isSafeFileName(name)) return { missing: true };
    const channels = await this.readChannels();
    if (isChannelName(name)) {
      const channel = channels.get(name);
      if (!channel) return { missing: true };
      if (channel instanceof Error) return { invalidChannel: channel.message };
      return { found: { name, kind: 'channel', releaseDay: channel.releaseDay } };
    }
    let releaseDay: CalendarDate | null = null;
    for (const channel of channels.values()) {
      if (channel instanceof Error) continue;
      const referenced = channel.artifacts.some((artifact) => artifact === name || `${artifact}.blockmap` === name);
      // The same bytes listed by several channels were first released on the earliest of their dates.
      if (referenced && (releaseDay === null || compareDates(channel.releaseDay, releaseDay) < 0))
        releaseDay = channel.releaseDay;
    }
    return releaseDay === null ? { missing: true } : { found: { name, kind: 'artifact', releaseDay } };
  }

  /** Opens a file of the feed; null when it is referenced but absent (or not a regular file). */
  async open(file: FeedFile): Promise<OpenedFeedFile | null> {
    let handle: fs.promises.FileHandle;
    try {
      handle = await fs.promises.open(path.join(this.dir, file.name), 'r');
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
    // Size and bytes come from the same open file, so a release swapped in meanwhile cannot mismatch them.
    try {
      const stat = await handle.stat();
      if (stat.isFile()) return { size: stat.size, handle };
    } catch (error) {
      await handle.close();
      throw error;
    }
    await handle.close();
    return null;
  }

  private async readChannels(): Promise<Map<string, ChannelFile | Error>> {
    let names: string[];
    try {
      names = (await fs.promises.readdir(this.dir)).filter((name) => isChannelName(name) && isSafeFileName(name));
    } catch (error) {
      if (isMissing(error)) names = [];
      else throw error;
    }
    const result = new Map<string, ChannelFile | Error>();
    for (const name of names) {
      const parsed = await this.readChannel(name);
      if (parsed) result.set(name, parsed);
    }
    for (const name of this.channels.keys()) if (!result.has(name)) this.channels.delete(name);
    return result;
  }

  private async readChannel(name: string): Promise<ChannelFile | Error | null> {
    const file = path.join(this.dir, name);
    try {
      const stat = await fs.promises.stat(file, { bigint: true });
      if (!stat.isFile()) return null;
      const stamp = `${stat.ino}:${stat.size}:${stat.mtimeNs}`;
      const cached = this.channels.get(name);
      if (cached?.stamp === stamp) return cached.parsed;
      let parsed: ChannelFile | Error;
      try {
        parsed = parseChannelFile(await fs.promises.readFile(file, 'utf8'));
      } catch (error) {
        parsed = error instanceof Error ? error : new Error(String(error));
      }
      this.channels.set(name, { stamp, parsed });
      return parsed;
    } catch (error) {
      // Removed between listing and reading: it is simply no longer part of the feed.
      if (isMissing(error)) return null;
      throw error;
    }
  }
}

function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR';
}
