import fs from 'node:fs';
import path from 'node:path';
import type ElectronLog from 'electron-log';
import { type LogLevel, type LogSink } from './app-log';

/** The part of electron-log this uses: `electron-log/main` in Electron, `electron-log/node` in the browser host. */
export type ElectronLogLike = Pick<ElectronLog.Logger, LogLevel> & {
  transports: {
    file: Pick<ElectronLog.FileTransport, 'maxSize' | 'resolvePathFn' | 'getFile' | 'level' | 'format'>;
    console: Pick<ElectronLog.ConsoleTransport, 'level'>;
  };
};

/** One file of at most 1 MiB, then one `.old.log` beside it: enough for support, small on the user's disk. */
export const LOG_FILE_MAX_BYTES = 1024 * 1024;
const TAIL_READ_BYTES = 64 * 1024;

/**
 * electron-log's file transport as the app's log sink: the user's log folder in Electron (its default), a folder the
 * caller names elsewhere; `info` and above, rotated by size. The console keeps errors in development only.
 */
export function electronLogSink(log: ElectronLogLike, options: { dir?: string; console: boolean }): LogSink {
  const file = log.transports.file;
  file.level = 'info';
  file.maxSize = LOG_FILE_MAX_BYTES;
  file.format = '[{iso}] [{level}] {text}';
  if (options.dir) {
    const dir = options.dir;
    file.resolvePathFn = (variables) => path.join(dir, variables.fileName ?? 'main.log');
  }
  log.transports.console.level = options.console ? 'error' : false;
  return {
    write: (level, line) => log[level](line),
    tail: (lines) => readTail(file.getFile().path, lines),
  };
}

/** The last `lines` lines of a file, reading only its end (the log may be a megabyte). */
export function readTail(file: string, lines: number): string[] {
  let handle: number | null = null;
  try {
    handle = fs.openSync(file, 'r');
    const size = fs.fstatSync(handle).size;
    const length = Math.min(size, TAIL_READ_BYTES);
    const buffer = Buffer.alloc(length);
    fs.readSync(handle, buffer, 0, length, size - length);
    const text = buffer.toString('utf8');
    // A read that starts mid-file starts mid-line: drop that partial first line.
    const all = text
      .split(/\r?\n/)
      .slice(size > length ? 1 : 0)
      .filter((line) => line.length > 0);
    return all.slice(-lines);
  } catch {
    return [];
  } finally {
    if (handle !== null) fs.closeSync(handle);
  }
}
