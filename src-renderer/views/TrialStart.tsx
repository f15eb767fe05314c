import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type LaunchState } from '../../src-shared/ipc/launch-state';
import { call } from '../api/desktop-api';
import { ErrorMessage } from '../app/ErrorMessage';

/** お試し版 (seed 001): the trial starts when the user accepts the terms; the service counts from that moment. */
export function TrialStart({ days, onStarted }: { days: number; onStarted: (state: LaunchState) => void }) {
  const { t } = useTranslation();
  const [accepted, setAccepted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!accepted) return;
    setBusy(true);
    setError(null);
    call('trial:start', { termsAccepted: true })
      .then(onStarted)
      .catch((e: { code?: string }) => setError(e.code ?? 'internal'))
      .finally(() => setBusy(false));
  };
  return (
    <section className="panel" aria-labelledby="trial-title">
      <h2 id="trial-title">{t('trial.title')}</h2>
      <p>{t('trial.lead', { days })}</p>
      <p className="terms">{t('trial.terms')}</p>
      <form onSubmit={submit}>
        <label className="check">
          <input type="checkbox" checked={accepted} onChange={(e) => setAccepted(e.target.checked)} />
          {t('trial.accept')}
        </label>
        <button type="submit" className="primary" disabled={!accepted || busy}>
          {busy ? t('trial.working') : t('trial.start')}
        </button>
      </form>
      {error && <ErrorMessage code={error} />}
    </section>
  );
}
