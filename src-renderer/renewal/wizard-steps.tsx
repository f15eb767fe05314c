import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type PaymentMethodCode } from '../../src-shared/catalog/catalog-schema';
import { type CoTermTargetCode } from '../../src-shared/contracts/http';
import { maskedFromLastGroup } from '../../src-shared/contracts/license-number';
import { type RenewalView, type WizardUserAction } from '../../src-shared/ipc/renewal-view';
import { canLeaveQuote, type WizardState } from '../../src-shared/renewal/wizard';
import { formatDate } from '../format/date';
import { formatYen } from '../format/yen';
import { CoTermTable } from './CoTermTable';
import { QuoteTable } from './QuoteTable';

export type StepProps = {
  view: RenewalView;
  wizard: WizardState;
  busy: boolean;
  act: (action: WizardUserAction) => void;
};

/** STEP2 見積: the quote, 見積を変更する, and 次へ once the user has been through the change step. */
export function QuoteStep({ view, wizard, busy, act }: StepProps) {
  const { t, i18n } = useTranslation();
  if (!wizard.quote) return <p role="status">{t('wizard.loading')}</p>;
  const deadline = view.resumptionDeadline;
  return (
    <section aria-labelledby="quote-title">
      <h2 id="quote-title">{t('wizard.quoteTitle')}</h2>
      {wizard.quote.coTerm ? (
        <CoTermTable quote={wizard.quote} coTerm={wizard.quote.coTerm} />
      ) : (
        <QuoteTable quote={wizard.quote} />
      )}
      {deadline && (
        <p data-testid="resumption-deadline">
          {t('wizard.resumptionDeadline', {
            date: formatDate(deadline.date, i18n.language),
            time: new Intl.DateTimeFormat('ja-JP', { timeZone: 'Asia/Tokyo', hour: '2-digit', minute: '2-digit' }).format(
              new Date(deadline.cutoff),
            ),
          })}
        </p>
      )}
      {!wizard.passedChoose && <p className="muted">{t('wizard.mustChange')}</p>}
      <div className="actions start">
        <button type="button" onClick={() => act({ type: 'change-quote' })} disabled={busy}>
          {t('wizard.changeQuote')}
        </button>
        <button
          type="button"
          className="primary"
          onClick={() => act({ type: 'to-method' })}
          disabled={busy || !canLeaveQuote(wizard)}
        >
          {t('wizard.next')}
        </button>
      </div>
    </section>
  );
}

/** STEP3: length (as the product allows) and options (only removable ones can be unchecked); 次へ returns to the quote. */
export function ChooseStep({ view, wizard, busy, act }: StepProps) {
  const { t, i18n } = useTranslation();
  const [months, setMonths] = useState(wizard.months);
  const [options, setOptions] = useState<string[]>(wizard.options);
  const [together, setTogether] = useState<CoTermTargetCode | null>(view.coTermOffered ? wizard.together : null);
  const uncovered = new Set(wizard.quote?.uncoveredOptions.map((u) => u.option) ?? []);
  const free = new Set(wizard.quote?.lines.filter((l) => l.status === 'free').map((l) => l.code.replace(/^option:/, '')) ?? []);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    act({ type: 'choose', months, options, together });
  };
  // Renewing to the latest current end needs no length; each license keeps its options when renewed together.
  const showMonths = together !== 'latest-end';
  return (
    <form onSubmit={submit} aria-labelledby="choose-title">
      <h2 id="choose-title">{t('wizard.chooseTitle')}</h2>
      {view.coTermRefusal && (
        <p className="notice" role="alert" data-testid="co-term-refused">
          {view.coTermRefusal.reason === 'all-ended' && view.coTermRefusal.latestEnd
            ? t('wizard.coTerm.refusedAllEnded', { date: formatDate(view.coTermRefusal.latestEnd, i18n.language) })
            : t('wizard.coTerm.refused')}
        </p>
      )}
      {view.coTermOffered && (
        <fieldset>
          <legend>{t('wizard.coTerm.scope')}</legend>
          <label className="check">
            <input type="radio" name="scope" checked={together === null} onChange={() => setTogether(null)} />
            {t('wizard.coTerm.alone')}
          </label>
          <label className="check">
            <input type="radio" name="scope" checked={together !== null} onChange={() => setTogether('latest-end')} />
            {t('wizard.coTerm.together')}
          </label>
          {together !== null && (
            <fieldset className="nested">
              <legend>{t('wizard.coTerm.target')}</legend>
              <label className="check">
                <input
                  type="radio"
                  name="target"
                  checked={together === 'latest-end'}
                  onChange={() => setTogether('latest-end')}
                />
                {t('wizard.coTerm.latestEnd')}
              </label>
              <label className="check">
                <input type="radio" name="target" checked={together === 'months'} onChange={() => setTogether('months')} />
                {t('wizard.coTerm.byMonths')}
              </label>
            </fieldset>
          )}
          {together !== null && <p className="muted">{t('wizard.coTerm.keepsOptions')}</p>}
        </fieldset>
      )}
      {showMonths && (
        <fieldset>
          <legend>{t('wizard.months')}</legend>
          {view.choices.months.map((m) => (
            <label key={m} className="check">
              <input type="radio" name="months" value={m} checked={months === m} onChange={() => setMonths(m)} />
              {t('wizard.monthsOption', { months: m })}
            </label>
          ))}
          {view.choices.months.length === 1 && <p className="muted">{t('wizard.onlyTwelve')}</p>}
        </fieldset>
      )}
      {together === null && view.choices.options.length > 0 && (
        <fieldset>
          <legend>{t('wizard.options')}</legend>
          {view.choices.options.map((o) => (
            <div key={o.code} className="option-choice">
              <label className="check">
                <input
                  type="checkbox"
                  checked={options.includes(o.code)}
                  disabled={!o.removable}
                  onChange={(e) => setOptions(e.target.checked ? [...options, o.code] : options.filter((c) => c !== o.code))}
                />
                {o.label}
              </label>
              {!o.removable && <span className="muted">{t('wizard.notRemovable')}</span>}
              {free.has(o.code) && <span className="muted">{t('wizard.coveredFree')}</span>}
              {uncovered.has(o.code) && <span className="muted">{t('wizard.needsApplications')}</span>}
            </div>
          ))}
        </fieldset>
      )}
      <div className="actions start">
        <button type="submit" className="primary" disabled={busy}>
          {t('wizard.next')}
        </button>
      </div>
    </form>
  );
}

/** STEP4: the payment method (支払方法を変更する), account transfer's warning, then 支払へ進む. */
export function MethodStep({ wizard, busy, act }: StepProps) {
  const { t, i18n } = useTranslation();
  const [changing, setChanging] = useState(wizard.method === null);
  // The list stays open while choosing; coming back to this step shows the choice with 支払方法を変更する.
  // The radio follows the click at once; main confirms the choice and the view follows.
  const [picked, setPicked] = useState(wizard.method);
  const methods = wizard.quote?.paymentMethods ?? [];
  const chosen = methods.find((m) => m.code === wizard.method);
  return (
    <section aria-labelledby="method-title">
      <h2 id="method-title">{t('wizard.methodTitle')}</h2>
      {wizard.quote && (
        <p>
          {t('renewalPage.total')}: <strong>{formatYen(wizard.quote.totalYen, i18n.language)}</strong>
        </p>
      )}
      {changing || !chosen ? (
        <fieldset>
          <legend>{t('wizard.methodTitle')}</legend>
          {methods.map((m) => (
            <label key={m.code} className="check">
              <input
                type="radio"
                name="method"
                checked={picked === m.code}
                onChange={() => {
                  setPicked(m.code as PaymentMethodCode);
                  act({ type: 'pick-method', method: m.code as PaymentMethodCode });
                }}
              />
              {m.label}
            </label>
          ))}
        </fieldset>
      ) : (
        <p data-testid="chosen-method">
          {chosen.label}{' '}
          <button type="button" className="link" onClick={() => setChanging(true)}>
            {t('wizard.changeMethod')}
          </button>
        </p>
      )}
      {chosen?.code === 'account-transfer' && (
        <p className="notice" role="note">
          {t('wizard.accountTransferWarning', { days: chosen.setupDays ?? 30 })}
        </p>
      )}
      <div className="actions start">
        <button type="button" onClick={() => act({ type: 'back-to-quote' })} disabled={busy}>
          {t('wizard.backToQuote')}
        </button>
        <button type="button" className="primary" onClick={() => act({ type: 'to-pay' })} disabled={busy || !chosen}>
          {t('wizard.toPay')}
        </button>
      </div>
    </section>
  );
}

/** STEP5: the sandbox card form, or the order for a transfer. A resumed send says it cannot charge twice. */
export function PayStep({ wizard, busy, pay, act }: StepProps & { pay: (card?: { number: string; expiry: string }) => void }) {
  const { t, i18n } = useTranslation();
  const [number, setNumber] = useState('');
  const [expiry, setExpiry] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    pay(wizard.method === 'card' ? { number: number.trim(), expiry: expiry.trim() } : undefined);
  };
  return (
    <form onSubmit={submit} aria-labelledby="pay-title">
      <h2 id="pay-title">{t('wizard.payTitle')}</h2>
      {wizard.quote && (
        <p>
          {t('renewalPage.total')}: <strong>{formatYen(wizard.quote.totalYen, i18n.language)}</strong>
        </p>
      )}
      {wizard.idempotencyKey && <p className="notice">{t('wizard.resumedSend')}</p>}
      {wizard.method === 'card' && (
        <>
          <label htmlFor="card-number">{t('wizard.cardNumber')}</label>
          <input
            id="card-number"
            inputMode="numeric"
            autoComplete="cc-number"
            value={number}
            onChange={(e) => setNumber(e.target.value)}
          />
          <label htmlFor="card-expiry">{t('wizard.cardExpiry')}</label>
          <input
            id="card-expiry"
            autoComplete="cc-exp"
            placeholder="MM/YY"
            value={expiry}
            onChange={(e) => setExpiry(e.target.value)}
          />
        </>
      )}
      <div className="actions start">
        {!wizard.idempotencyKey && (
          <button type="button" onClick={() => act({ type: 'back-to-quote' })} disabled={busy}>
            {t('wizard.backToQuote')}
          </button>
        )}
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('wizard.paying') : wizard.method === 'card' ? t('wizard.payCard') : t('wizard.placeOrder')}
        </button>
      </div>
    </form>
  );
}

/** STEP6: paid → 再起動する; a transfer → where and by when to pay, and that the app waits for the payment. */
export function DoneStep({
  view,
  wizard,
  restart,
  close,
}: {
  view: RenewalView;
  wizard: WizardState;
  restart: () => void;
  close: () => void;
}) {
  const { t, i18n } = useTranslation();
  const order = wizard.order;
  if (!order) return null;
  const coTerm = wizard.quote?.coTerm ?? null;
  if (order.state === 'paid') {
    return (
      <section aria-labelledby="done-title">
        <h2 id="done-title">{t('wizard.doneTitle')}</h2>
        {coTerm ? (
          <>
            <p data-testid="co-term-done">
              {t('wizard.coTerm.donePaid', {
                count: coTerm.licenses.length,
                date: formatDate(coTerm.commonEnd, i18n.language),
              })}
            </p>
            <ul className="co-term-done">
              {coTerm.licenses.map((license) => (
                <li key={`${license.product}:${license.licenseNumberLast}`}>
                  {t('wizard.coTerm.doneLine', {
                    number: maskedFromLastGroup(license.licenseNumberLast),
                    product: license.productName,
                  })}
                  {license.thisDevice && <span className="badge">{t('wizard.coTerm.thisDevice')}</span>}
                </li>
              ))}
            </ul>
          </>
        ) : (
          <p>{t('wizard.donePaid', { date: order.term ? formatDate(order.term.end, i18n.language) : '' })}</p>
        )}
        <div className="actions start">
          <button type="button" className="primary" onClick={restart}>
            {t('wizard.restart')}
          </button>
        </div>
      </section>
    );
  }
  const transfer = order.transfer;
  return (
    <section aria-labelledby="done-title">
      <h2 id="done-title">{transfer ? t('wizard.bankTitle') : t('wizard.accountTransferTitle')}</h2>
      <p className="badge">{t('wizard.waiting')}</p>
      {transfer ? (
        <>
          <p>{t('wizard.bankBody')}</p>
          <dl className="facts">
            <dt>{t('renewalPage.bank')}</dt>
            <dd>
              {transfer.bankName} {transfer.branchName}
            </dd>
            <dt>{t('renewalPage.account')}</dt>
            <dd>
              {transfer.accountType} {transfer.accountNumber}
            </dd>
            <dt>{t('renewalPage.holder')}</dt>
            <dd>{transfer.accountHolder}</dd>
            <dt>{t('renewalPage.reference')}</dt>
            <dd data-testid="transfer-reference">{transfer.reference}</dd>
            <dt>{t('renewalPage.transferAmount')}</dt>
            <dd data-testid="transfer-amount">{formatYen(transfer.amountYen, i18n.language)}</dd>
            <dt>{t('renewalPage.dueOn')}</dt>
            <dd data-testid="transfer-due">{formatDate(transfer.dueOn, i18n.language)}</dd>
          </dl>
          <p className="notice" role="note">
            {t('renewalPage.doubleTransfer')}
          </p>
          {view.mailed && <p>{t('wizard.mailed')}</p>}
        </>
      ) : (
        <p>{t('wizard.accountTransferBody')}</p>
      )}
      <div className="actions start">
        <button type="button" className="primary" onClick={close}>
          {t('wizard.close')}
        </button>
      </div>
    </section>
  );
}
