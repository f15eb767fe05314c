import { type DiagnosticsExport } from '../../src-shared/ipc/diagnostics';
import { type LaunchState } from '../../src-shared/ipc/launch-state';
import { type UpdateState } from '../../src-shared/update/update-state';
import { type AppLog } from '../log/app-log';
import { type FileSaver } from '../ports/file-saver';
import { buildDiagnosticsReport, diagnosticsFileName, DIAGNOSTICS_LOG_LINES, type RuntimeInfo } from './diagnostics-report';

export type DiagnosticsDeps = {
  launchState: () => LaunchState;
  updateState: () => UpdateState;
  store: () => { schemaVersion: number | null; expectedSchemaVersion: number };
  log: Pick<AppLog, 'recentErrors' | 'tail' | 'info'>;
  saver: FileSaver;
  runtime: RuntimeInfo;
  packaged: boolean;
  now: () => Date;
};

/** サポート → 診断情報を保存: gathers the report and lets the user save it (nothing is sent anywhere). */
export class DiagnosticsService {
  constructor(private readonly deps: DiagnosticsDeps) {}

  async export(): Promise<DiagnosticsExport> {
    const { deps } = this;
    const createdAt = deps.now();
    const launch = deps.launchState();
    const report = buildDiagnosticsReport({
      createdAt,
      packaged: deps.packaged,
      runtime: deps.runtime,
      launch,
      update: deps.updateState(),
      store: deps.store(),
      recentErrors: deps.log.recentErrors(),
      logTail: deps.log.tail(DIAGNOSTICS_LOG_LINES),
    });
    const outcome = await deps.saver.save({
      suggestedName: diagnosticsFileName(launch.product.code, createdAt),
      content: `${JSON.stringify(report, null, 2)}\n`,
      mimeType: 'application/json',
    });
    if (outcome.outcome !== 'cancelled') deps.log.info('diagnostics exported', { outcome: outcome.outcome });
    return outcome.outcome === 'download' ? { ...outcome, mimeType: 'application/json' } : outcome;
  }
}
