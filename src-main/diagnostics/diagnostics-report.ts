import { type LaunchState } from '../../src-shared/ipc/launch-state';
import { jstDateOf } from '../../src-shared/licensing/jst';
import { type UpdateState } from '../../src-shared/update/update-state';
import { type RecentError } from '../log/app-log';
import { redactValue } from '../log/redact';

export const DIAGNOSTICS_FORMAT = 'renewal-desk-diagnostics/1';
/** Enough of the log for support to see what led up to a problem, small enough to mail. */
export const DIAGNOSTICS_LOG_LINES = 200;

export type RuntimeInfo = {
  os: string;
  osRelease: string;
  osVersion: string;
  arch: string;
  node: string;
  electron: string | null;
  chrome: string | null;
  locale: string;
  timeZone: string;
};

export type DiagnosticsInput = {
  createdAt: Date;
  packaged: boolean;
  runtime: RuntimeInfo;
  launch: LaunchState;
  update: UpdateState;
  store: { schemaVersion: number | null; expectedSchemaVersion: number };
  recentErrors: RecentError[];
  logTail: string[];
};

/**
 * What support asks for, in one file: versions, product and edition, the license as Version Info shows it (number
 * masked), the launch decision, the last online checks, the update state, the store's schema, recent error codes
 * and the end of the log. Built only from what the renderer may already see plus the log, then redacted as a
 * whole, so a machine id, token, signature, key or card number cannot come out even if one slipped in upstream.
 */
export function buildDiagnosticsReport(input: DiagnosticsInput): unknown {
  const { launch } = input;
  const license = launch.license;
  return redactValue({
    format: DIAGNOSTICS_FORMAT,
    createdAt: input.createdAt.toISOString(),
    app: {
      version: launch.appVersion,
      product: launch.product.code,
      productName: launch.product.name,
      edition: license?.edition ?? null,
      packaged: input.packaged,
    },
    runtime: input.runtime,
    license: license && {
      numberMasked: license.licenseNumberMasked,
      kind: license.kind,
      state: license.state,
      trial: license.trial,
      termStart: license.termStart,
      termEnd: license.termEnd,
      daysRemaining: license.daysRemaining,
      options: license.options.map(({ code, end }) => ({ code, end })),
      deviceShort: license.deviceNumberShort,
      issuedAt: license.issuedAt,
      // Seed 003: which of the customer's licenses suspended or stopped this one (masked, last group only).
      support: license.support ?? null,
    },
    launch: {
      decidedAt: launch.now,
      canStart: launch.canStart,
      screen: launch.screen,
      notices: launch.notices,
      problem: launch.problem,
    },
    renewal: launch.renewal,
    checks: launch.online,
    update: input.update,
    store: input.store,
    recentErrors: input.recentErrors,
    logTail: input.logTail,
  });
}

/** `diagnostics-sakura-kaikei-20261203-0318.json`: the product and the JST minute it was made. */
export function diagnosticsFileName(productCode: string, createdAt: Date): string {
  const jst = new Date(createdAt.getTime() + 9 * 3_600_000).toISOString();
  const date = jstDateOf(createdAt.toISOString()).replaceAll('-', '');
  return `diagnostics-${productCode}-${date}-${jst.slice(11, 13)}${jst.slice(14, 16)}.json`;
}
