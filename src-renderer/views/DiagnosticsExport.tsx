import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isErrorCode } from '../../src-shared/contracts/error-codes';
import { call } from '../api/desktop-api';
import { ErrorMessage } from '../app/ErrorMessage';

type Progress = { step: 'idle' } | { step: 'saving' } | { step: 'done'; fileName: string } | { step: 'failed'; code: string };

/** 診断情報を保存: a JSON file for support, saved where the user chooses; nothing is sent anywhere. */
export function DiagnosticsExport() {
  const { t } = useTranslation();
  const [progress, setProgress] = useState<Progress>({ step: 'idle' });
  const save = async () => {
    setProgress({ step: 'saving' });
    try {
      const result = await call('diagnostics:export', {});
      setProgress(result.outcome === 'cancelled' ? { step: 'idle' } : { step: 'done', fileName: result.fileName });
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      setProgress({ step: 'failed', code: isErrorCode(code) ? code : 'internal' });
    }
  };
  return (
    <div className="diagnostics">
      <p className="muted">{t('diagnostics.explain')}</p>
      {/* aria-disabled, not disabled: a disabled button would drop the keyboard focus while the file is saved. */}
      <button
        type="button"
        onClick={() => progress.step !== 'saving' && void save()}
        aria-disabled={progress.step === 'saving'}
        data-testid="diagnostics-export"
      >
        {progress.step === 'saving' ? t('diagnostics.saving') : t('diagnostics.save')}
      </button>
      <div role="status" aria-live="polite">
        {progress.step === 'done' && (
          <p data-testid="diagnostics-saved">{t('diagnostics.saved', { fileName: progress.fileName })}</p>
        )}
      </div>
      {progress.step === 'failed' && <ErrorMessage code={progress.code} />}
    </div>
  );
}
