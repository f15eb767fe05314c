import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { parseLicenseNumber } from '../../src-shared/contracts/license-number';
import { type LaunchState } from '../../src-shared/ipc/launch-state';
import { call } from '../api/desktop-api';
import { ErrorMessage } from '../app/ErrorMessage';

/** ライセンス認証: the number is normalised and checked for typos here, before anything is sent. */
export function Activation({
  onActivated,
  title,
  level = 1,
}: {
  onActivated: (state: LaunchState) => void;
  title?: string;
  /** 2 below another screen's heading (trial ended, license moved), so the headings stay in order. */
  level?: 1 | 2;
}) {
  const { t } = useTranslation();
  const [number, setNumber] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = parseLicenseNumber(number);
    if (!parsed.ok) {
      setError(parsed.code);
      return;
    }
    setBusy(true);
    setError(null);
    call('license:activate', { licenseNumber: parsed.value })
      .then(onActivated)
      .catch((e: { code?: string }) => setError(e.code ?? 'internal'))
      .finally(() => setBusy(false));
  };

  const Heading = level === 1 ? 'h1' : 'h2';
  return (
    <section className="panel" aria-labelledby="activation-title">
      <Heading id="activation-title">{title ?? t('activation.title')}</Heading>
      <p>{t('activation.lead')}</p>
      <form onSubmit={submit} noValidate>
        <label htmlFor="license-number">{t('activation.licenseNumber')}</label>
        <input
          id="license-number"
          name="licenseNumber"
          value={number}
          onChange={(e) => setNumber(e.target.value)}
          placeholder={t('activation.placeholder')}
          autoComplete="off"
          spellCheck={false}
          aria-invalid={error !== null}
        />
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('activation.working') : t('activation.submit')}
        </button>
      </form>
      {error && <ErrorMessage code={error} />}
    </section>
  );
}
