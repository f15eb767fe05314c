import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { CodedError } from '../../src-shared/contracts/coded-error';
import { isErrorCode } from '../../src-shared/contracts/error-codes';
import { isNewerVersion } from '../../src-shared/update/version-order';
import { type UpdateFeed, type Updater, type UpdaterEvent } from '../ports/updater';
import { releaseInfo } from '../update/release-info';

export type BrowserUpdaterOptions = {
  appVersion: string;
  /** Where downloads go (the browser host keeps them beside its database). */
  downloadDir: string;
  /** The channel file to read; the browser host stands in for the Windows build, whose channel is latest.yml. */
  channelFile?: string;
  /** Caps the download rate (bytes per second) to imitate a slow line in demos and tests; unlimited when absent. */
  bytesPerSecond?: number;
  /** Minimum time between two progress events (electron-updater's own pace is about once a second). */
  progressIntervalMs?: number;
  log: (line: string) => void;
  fetch?: typeof fetch;
};

// electron-builder's channel file (latest.yml), read with the same YAML 1.2 core schema as the service reads it,
// so an unquoted date stays a string. A numeric-looking version (`2`) is still a version.
const ChannelFileSchema = z.object({
  version: z.union([z.string().min(1), z.number()]).transform(String),
  files: z
    .array(z.object({ url: z.string().min(1), sha512: z.string().min(1), size: z.number().int().nonnegative().optional() }))
    .min(1),
  releaseDate: z.string().optional(),
  releaseNotes: z.unknown().optional(),
});
type ChannelFile = z.infer<typeof ChannelFileSchema>;

/**
 * The browser host's Updater: the same generic feed as electron-updater, over HTTP with the same token header; the
 * same channel file; the same artifact downloaded as a stream with real progress (bytes counted as they arrive) and
 * its sha512 (base64, as electron-updater computes it) checked before it is accepted — a mismatch is deleted and
 * refused. Only the final step, quitting and running the installer, is simulated: a browser page cannot replace the
 * program, so `install()` logs what it would do and answers `simulated: true`, which the prompt tells the user.
 */
export function createBrowserUpdater(options: BrowserUpdaterOptions): Updater & { downloadedFile(): string | null } {
  const listeners = new Set<(event: UpdaterEvent) => void>();
  const emit = (event: UpdaterEvent) => {
    for (const listener of listeners) listener(event);
  };
  const fetchImpl = options.fetch ?? fetch;
  const channel = options.channelFile ?? 'latest.yml';
  let feed: UpdateFeed | null = null;
  let latest: ChannelFile | null = null;
  let downloaded: { version: string; file: string } | null = null;
  let downloading: Promise<void> | null = null;

  const requireFeed = (): UpdateFeed => {
    if (!feed) throw new Error('the update feed is not configured');
    return feed;
  };

  async function check(): Promise<void> {
    const { url, headers } = requireFeed();
    emit({ type: 'checking' });
    const response = await get(fetchImpl, `${url}/${encodeURIComponent(channel)}`, headers);
    const parsed = parseChannel(await response.text());
    if (isNewerVersion(parsed.version, options.appVersion)) {
      latest = parsed;
      emit({ type: 'available', release: releaseInfo(parsed) });
    } else {
      latest = null;
      emit({ type: 'not-available' });
    }
  }

  async function download(): Promise<void> {
    const release = latest;
    const current = requireFeed();
    if (!release) throw new CodedError('update-not-ready');
    const file = release.files[0]!;
    const fileUrl = new URL(file.url, `${current.url}/`);
    // The token goes to the feed's own origin only, never to a host a channel file names.
    const headers = fileUrl.origin === new URL(current.url).origin ? current.headers : {};
    const response = await get(fetchImpl, fileUrl.href, headers);
    const total = Number(response.headers.get('content-length')) || file.size || 0;
    fs.mkdirSync(options.downloadDir, { recursive: true });
    const target = path.join(options.downloadDir, safeName(fileUrl.pathname));
    const partial = `${target}.partial`;
    const hash = crypto.createHash('sha512');
    const out = fs.createWriteStream(partial);
    const started = Date.now();
    let transferred = 0;
    let lastProgress = 0;
    const progress = (now: number) => {
      const seconds = Math.max((now - started) / 1000, 0.001);
      emit({
        type: 'progress',
        percent: total > 0 ? Math.min(100, (transferred / total) * 100) : 0,
        bytesPerSecond: Math.round(transferred / seconds),
        transferred,
        total,
      });
      lastProgress = now;
    };
    try {
      if (!response.body) throw new CodedError('update-failed', 'the download has no body');
      const reader = response.body.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        hash.update(value);
        transferred += value.byteLength;
        if (!out.write(value)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
        if (options.bytesPerSecond) {
          const due = started + (transferred / options.bytesPerSecond) * 1000;
          const wait = due - Date.now();
          if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        }
        const now = Date.now();
        if (now - lastProgress >= (options.progressIntervalMs ?? 250)) progress(now);
      }
      await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
      progress(Date.now());
      const actual = hash.digest('base64');
      if (actual !== file.sha512 || (file.size !== undefined && transferred !== file.size)) {
        throw new CodedError(
          'update-checksum-mismatch',
          `sha512 checksum mismatch, expected ${file.sha512}, got ${actual} (${transferred} bytes)`,
        );
      }
      fs.renameSync(partial, target);
    } catch (error) {
      out.destroy();
      fs.rmSync(partial, { force: true });
      throw error;
    }
    downloaded = { version: release.version, file: target };
    emit({ type: 'downloaded', version: release.version });
  }

  return {
    canUpdate: true,
    configure(next) {
      feed = { url: next.url.replace(/\/+$/, ''), headers: { ...next.headers } };
    },
    check,
    download() {
      downloading ??= download().finally(() => (downloading = null));
      return downloading;
    },
    install() {
      if (!downloaded) throw new CodedError('update-not-ready');
      options.log(
        `[update] install simulated (browser host): the desktop app would now quit and run ${downloaded.file} (version ${downloaded.version})`,
      );
      return { simulated: true };
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    downloadedFile: () => downloaded?.file ?? null,
  };
}

/** A GET that turns a refusal into the service's own error code (`{ error: { code } }`). */
async function get(fetchImpl: typeof fetch, url: string, headers: Record<string, string>): Promise<Response> {
  let response: Response;
  try {
    response = await fetchImpl(url, { headers, redirect: 'error' });
  } catch (error) {
    throw new CodedError('service-unreachable', error instanceof Error ? error.message : String(error));
  }
  if (response.ok) return response;
  const body = await response.text().catch(() => '');
  let code: unknown = null;
  try {
    code = (JSON.parse(body) as { error?: { code?: unknown } }).error?.code;
  } catch {
    // not the service's JSON: told by its status below
  }
  throw new CodedError(isErrorCode(code) ? code : 'update-failed', `GET ${url}: HTTP ${response.status}`);
}

function parseChannel(text: string): ChannelFile {
  let document: unknown;
  try {
    document = parseYaml(text, { version: '1.2', schema: 'core' });
  } catch (error) {
    throw new CodedError('service-bad-response', `the channel file is not YAML: ${(error as Error).message}`);
  }
  const result = ChannelFileSchema.safeParse(document);
  if (!result.success) throw new CodedError('service-bad-response', 'the channel file is not valid');
  return result.data;
}

/** The artifact's own name, reduced to characters safe in any file system. */
function safeName(pathname: string): string {
  let name: string;
  try {
    name = decodeURIComponent(pathname.split('/').pop() ?? '');
  } catch {
    name = '';
  }
  const safe = name.replace(/[^\p{L}\p{N} ._+()-]/gu, '_').replace(/^\.+/, '');
  return safe === '' ? 'update.bin' : safe;
}
