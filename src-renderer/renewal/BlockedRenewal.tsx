import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type LaunchState } from '../../src-shared/ipc/launch-state';
import { type RenewalView } from '../../src-shared/ipc/renewal-view';
import { ErrorMessage } from '../app/ErrorMessage';
import { formatDate } from '../format/date';
import { SupportContact } from '../views/SupportContact';

type Registration = { registrationNumber: string; installKey: string; name: string; email: string };

/** 製品登録番号 and インストールキー, as printed in the booklet 「はじめにお読みください」. */
function RegistrationForm({ busy, onRegister }: { busy: boolean; onRegister: (r: Registration) => void }) {
  const { t } = useTranslation();
  const [form, setForm] = useState<Registration>({ registrationNumber: '', installKey: '', name: '', email: '' });
  const field = (key: keyof Registration, type = 'text') => (
    <>
      <label htmlFor={`reg-${key}`}>{t(`wizard.blocked.${key}`)}</label>
      <input
        id={`reg-${key}`}
        type={type}
        value={form[key]}
        onChange={(e) => setForm({ ...form, [key]: e.target.value })}
        required
      />
    </>
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onRegister(form);
  };
  return (
    <form onSubmit={submit}>
      {field('registrationNumber')}
      {field('installKey')}
      {field('name')}
      {field('email', 'email')}
      <button type="submit" className="primary" disabled={busy}>
        {t('wizard.blocked.register')}
      </button>
    </form>
  );
}

/** The screens that stand instead of the flow (SPEC §6): not open yet, previous renewal unpaid, registration, repurchase. */
export function BlockedRenewal(props: {
  view: RenewalView;
  state: LaunchState;
  busy: boolean;
  onRegister: (r: Registration) => void;
  onWebForm: () => void;
  /** Renewing together is not bound to this license's window (seed 003): on to 見積を変更する to choose it. */
  onTogether: () => void;
}) {
  const { t, i18n } = useTranslation();
  const block = props.view.blocked!;
  const support = <SupportContact support={props.state.support} onWebForm={props.onWebForm} />;
  switch (block.code) {
    case 'renewal-not-open':
      return (
        <section data-blocked={block.code}>
          <h2>{t('wizard.blocked.notOpenTitle')}</h2>
          <p>{t('wizard.blocked.notOpen', { date: formatDate(String(block.details?.opensOn ?? ''), i18n.language) })}</p>
          {props.view.coTermOffered && (
            <>
              <p>{t('wizard.coTerm.notOpenTogether')}</p>
              <div className="actions start">
                <button type="button" className="primary" onClick={props.onTogether} disabled={props.busy}>
                  {t('wizard.coTerm.renewTogether')}
                </button>
              </div>
            </>
          )}
        </section>
      );
    case 'previous-renewal-unpaid':
      return (
        <section data-blocked={block.code}>
          <h2>{t('wizard.blocked.unpaidTitle')}</h2>
          <p>{t('wizard.blocked.unpaid')}</p>
          {support}
        </section>
      );
    case 'registration-required':
      return (
        <section data-blocked={block.code}>
          <h2>{t('wizard.blocked.registrationTitle')}</h2>
          <p>{t('wizard.blocked.registration')}</p>
          <RegistrationForm busy={props.busy} onRegister={props.onRegister} />
        </section>
      );
    case 'repurchase-required':
      return (
        <section data-blocked={block.code}>
          <h2>{t('wizard.blocked.repurchaseTitle')}</h2>
          <ErrorMessage code={block.code} />
          {support}
        </section>
      );
    default:
      return (
        <section data-blocked={block.code}>
          <ErrorMessage code={block.code} />
          {support}
        </section>
      );
  }
}
