import { type ReactNode, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CodedError } from '../../src-shared/contracts/coded-error';
import { type ErrorCode } from '../../src-shared/contracts/error-codes';
import { type UpdateState } from '../../src-shared/update/update-state';
import { call } from '../api/desktop-api';
import { ErrorMessage } from '../app/ErrorMessage';
import { formatInstant } from '../format/date';
import { useModal } from '../views/use-modal';
import { formatBytes } from './bytes';
import { setUpdateState, useUpdateState } from './update-store';

// The stylesheet is shared with other views; the few layout needs of this dialog stay here (CSSOM, allowed by the CSP).
const ACTIONS_STYLE = { gap: 8 } as const;
const NOTES_STYLE = { whiteSpace: 'pre-line', maxHeight: 200, overflowY: 'auto' } as const;
const PROGRESS_STYLE = { display: 'block', width: '100%', height: 16 } as const;

/** What the user sees the prompt for; a background check's failure is not worth interrupting anyone for. */
function shown(
  state: UpdateState | null,
): state is Exclude<UpdateState, { status: 'idle' | 'disabled' | 'checking' | 'not-available' }> {
  if (!state) return false;
  if (state.status === 'error') return state.during !== 'check';
  return state.status === 'available' || state.status === 'downloading' || state.status === 'downloaded';
}

function promptKey(state: UpdateState): string {
  if (state.status === 'error') return `error:${state.code}:${state.during}`;
  return 'version' in state ? `${state.status}:${state.version}` : state.status;
}

/**
 * バージョンアップのご案内: the new version and its notes, ダウンロードする, a progress bar while it downloads, then
 * 再起動して更新する. A failure is told in words with もう一度試す. In the browser host the final install is simulated,
 * and the prompt says so.
 */
export function UpdatePrompt() {
  const { t, i18n } = useTranslation();
  const state = useUpdateState();
  const [dismissed, setDismissed] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [callError, setCallError] = useState<ErrorCode | null>(null);
  const [simulated, setSimulated] = useState(false);

  if (!shown(state) || dismissed === promptKey(state)) return null;

  const act = async (action: () => Promise<void>) => {
    setBusy(true);
    setCallError(null);
    try {
      await action();
    } catch (error) {
      setCallError(error instanceof CodedError ? error.code : 'internal');
    } finally {
      setBusy(false);
    }
  };
  const download = () => act(async () => setUpdateState(await call('update:download', {})));
  const install = () =>
    act(async () => {
      const answer = await call('update:install', {});
      setSimulated(answer.simulated);
    });
  const close = () => {
    setCallError(null);
    setDismissed(promptKey(state));
  };

  const body = () => {
    switch (state.status) {
      case 'available':
        return (
          <>
            <p>{t('update.lead', { version: state.version })}</p>
            {state.date && <p className="muted">{t('update.released', { date: formatInstant(state.date, i18n.language) })}</p>}
            <h3>{t('update.notes')}</h3>
            <p className="release-notes" data-testid="release-notes" style={NOTES_STYLE}>
              {state.releaseNotes ?? t('update.noNotes')}
            </p>
            <div className="actions" style={ACTIONS_STYLE}>
              <button type="button" className="primary" onClick={() => void download()} disabled={busy} autoFocus>
                {t('update.download')}
              </button>
              <button type="button" onClick={close}>
                {t('update.later')}
              </button>
            </div>
          </>
        );
      case 'downloading': {
        const percent = Math.floor(state.percent);
        return (
          <>
            <p>{t('update.downloading', { version: state.version })}</p>
            <label htmlFor="update-progress">{t('update.progressLabel')}</label>
            <progress id="update-progress" max={100} value={state.percent} data-testid="update-progress" style={PROGRESS_STYLE} />
            <p className="muted" data-testid="update-progress-text" aria-live="polite">
              {t('update.progressText', {
                percent,
                transferred: formatBytes(state.transferred),
                total: formatBytes(state.total),
              })}
            </p>
            <div className="actions" style={ACTIONS_STYLE}>
              {/* ダウンロードする is gone: the focus moves here rather than falling back to the page. */}
              <button type="button" onClick={close} autoFocus>
                {t('update.close')}
              </button>
            </div>
          </>
        );
      }
      case 'downloaded':
        return (
          <>
            <p>{t('update.downloaded', { version: state.version })}</p>
            {simulated && (
              <p role="status" data-testid="update-simulated">
                {t('update.simulated')}
              </p>
            )}
            <div className="actions" style={ACTIONS_STYLE}>
              <button type="button" className="primary" onClick={() => void install()} disabled={busy || simulated} autoFocus>
                {busy ? t('update.installing') : t('update.install')}
              </button>
              <button type="button" onClick={close}>
                {t('update.later')}
              </button>
            </div>
          </>
        );
      case 'error':
        return (
          <>
            <h3>{t('update.failed')}</h3>
            <ErrorMessage code={state.code} />
            <div className="actions" style={ACTIONS_STYLE}>
              <button
                type="button"
                className="primary"
                onClick={() => void (state.during === 'install' ? install() : download())}
                disabled={busy}
                autoFocus
              >
                {t('update.retry')}
              </button>
              <button type="button" onClick={close}>
                {t('update.close')}
              </button>
            </div>
          </>
        );
    }
  };

  return (
    <PromptFrame status={state.status} onClose={close}>
      <h2 id="update-prompt-title">{t('update.title')}</h2>
      {body()}
      {callError && <ErrorMessage code={callError} />}
    </PromptFrame>
  );
}

/** The prompt's dialog, modal for the keyboard too: Escape is あとで (or 閉じる), Tab stays inside. */
function PromptFrame({ status, onClose, children }: { status: string; onClose: () => void; children: ReactNode }) {
  const ref = useRef<HTMLElement>(null);
  useModal(ref, onClose);
  return (
    <div className="dialog-backdrop">
      <section
        ref={ref}
        className="dialog update-prompt"
        role="dialog"
        aria-modal="true"
        aria-labelledby="update-prompt-title"
        data-update-status={status}
      >
        {children}
      </section>
    </div>
  );
}
