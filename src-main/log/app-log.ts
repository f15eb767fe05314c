import { isErrorCode, type ErrorCode } from '../../src-shared/contracts/error-codes';
import { redactText, redactValue } from './redact';

export type LogLevel = 'error' | 'warn' | 'info';

/** Where log lines go: electron-log's file transport (with rotation) in the app, a list in tests. */
export type LogSink = {
  write(level: LogLevel, line: string): void;
  /** The last lines written, oldest first, for the diagnostics export. */
  tail(lines: number): string[];
};

/** The logging the services use; `error` alone is what most of them need. */
export type Logger = {
  error(message: string, detail?: unknown): void;
  warn?(message: string, detail?: unknown): void;
  info?(message: string, detail?: unknown): void;
};

export type RecentError = { at: string; code: ErrorCode | null; message: string };

const RECENT_ERRORS = 20;

/**
 * The main process's one logger. Every line is redacted before it reaches the sink, so no caller can leak a
 * license number, token, signature, key or card number by logging the wrong object; the last error codes are kept
 * for the diagnostics export.
 */
export class AppLog implements Required<Logger> {
  private readonly recent: RecentError[] = [];

  constructor(
    private readonly sink: LogSink,
    private readonly now: () => Date = () => new Date(),
  ) {}

  error(message: string, detail?: unknown): void {
    const line = this.write('error', message, detail);
    this.recent.push({ at: this.now().toISOString(), code: codeOf(detail), message: line });
    if (this.recent.length > RECENT_ERRORS) this.recent.shift();
  }

  warn(message: string, detail?: unknown): void {
    this.write('warn', message, detail);
  }

  info(message: string, detail?: unknown): void {
    this.write('info', message, detail);
  }

  recentErrors(): RecentError[] {
    return [...this.recent];
  }

  /** The last lines of the log file, redacted again in case the file holds lines from an older version. */
  tail(lines: number): string[] {
    return this.sink.tail(lines).map(redactText);
  }

  private write(level: LogLevel, message: string, detail: unknown): string {
    const line = detail === undefined ? redactText(message) : `${redactText(message)} ${describe(detail)}`;
    try {
      this.sink.write(level, line);
    } catch {
      // A full disk or a locked log file must never stop the app; the line is lost, nothing else.
    }
    return line;
  }
}

function codeOf(detail: unknown): ErrorCode | null {
  const code = (detail as { code?: unknown } | null | undefined)?.code;
  return isErrorCode(code) ? code : null;
}

function describe(detail: unknown): string {
  const safe = redactValue(detail);
  if (typeof safe === 'string') return safe;
  try {
    return JSON.stringify(safe) ?? String(safe);
  } catch {
    return String(safe);
  }
}

/** Errors to the console and the last lines kept in memory: the log of tests and scripts that set up none. */
export function consoleLogSink(keep = 200): LogSink {
  const lines: string[] = [];
  return {
    write: (level, line) => {
      if (level === 'error') console.error(line);
      lines.push(`[${level}] ${line}`);
      if (lines.length > keep) lines.shift();
    },
    tail: (count) => lines.slice(-count),
  };
}
