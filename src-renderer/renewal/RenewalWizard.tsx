import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { type LaunchState } from '../../src-shared/ipc/launch-state';
import { call } from '../api/desktop-api';
import { ErrorMessage } from '../app/ErrorMessage';
import { BlockedRenewal } from './BlockedRenewal';
import { StepIndicator } from './StepIndicator';
import { useRenewal } from './use-renewal';
import { ChooseStep, DoneStep, MethodStep, PayStep, QuoteStep } from './wizard-steps';

/** Gives the focus to the step's heading (not in the Tab order itself: only a starting point for the next Tab). */
function focusStepHeading(step: HTMLElement | null): void {
  const heading = step?.querySelector<HTMLElement>('h2');
  if (!heading) return;
  heading.tabIndex = -1;
  heading.focus();
}

/** The renewal wizard of the package edition (seed 000): every step drawn from the state main keeps. */
export function RenewalWizard({ state, onClose, onWebForm }: { state: LaunchState; onClose: () => void; onWebForm: () => void }) {
  const { t } = useTranslation();
  const { view, error, busy, send } = useRenewal();
  const wizard = view?.wizard ?? null;
  const stepRef = useRef<HTMLDivElement>(null);
  const stepKey = view?.blocked
    ? `blocked:${view.blocked.code}`
    : wizard
      ? `${wizard.step}:${wizard.quote ? 'quoted' : ''}`
      : null;
  // Each step replaces the button that led to it: the focus goes to the new step's heading rather than back to the
  // top of the window, so the next Tab is inside the step and a screen reader reads where the user now is.
  useEffect(() => {
    if (stepKey) focusStepHeading(stepRef.current);
  }, [stepKey]);
  // A send that failed (a declined card) had disabled the focused button, which dropped the focus: back to the step.
  useEffect(() => {
    if (!busy && (document.activeElement === null || document.activeElement === document.body)) {
      focusStepHeading(stepRef.current);
    }
  }, [busy]);
  const close = () => {
    void call('renewal:close', {})
      .catch(() => {})
      .finally(onClose);
  };
  const restart = () => void call('app:restart', {}).catch(() => {});
  const props =
    wizard && view
      ? {
          view,
          wizard,
          busy,
          act: (action: Parameters<typeof send<'renewal:act'>>[1]['action']) => void send('renewal:act', { action }),
        }
      : null;

  return (
    <section className="panel wide wizard" aria-labelledby="wizard-title">
      <h1 id="wizard-title">{t('wizard.title')}</h1>
      <p className="sandbox">{t('renewalPage.sandbox')}</p>
      {wizard && !view?.blocked && <StepIndicator step={wizard.step} />}
      {error && <ErrorMessage code={error} />}
      {!view && !error && <p role="status">{t('wizard.loading')}</p>}
      <div ref={stepRef}>
        {view?.blocked && (
          <BlockedRenewal
            view={view}
            state={state}
            busy={busy}
            onRegister={(r) => void send('renewal:register', r)}
            onWebForm={onWebForm}
            onTogether={() => void send('renewal:act', { action: { type: 'change-quote' } })}
          />
        )}
        {props && !view?.blocked && (
          <>
            {props.wizard.step === 'quote' && <QuoteStep {...props} />}
            {props.wizard.step === 'choose' && <ChooseStep {...props} />}
            {props.wizard.step === 'method' && <MethodStep {...props} />}
            {props.wizard.step === 'pay' && <PayStep {...props} pay={(card) => void send('renewal:pay', card ? { card } : {})} />}
            {props.wizard.step === 'done' && <DoneStep view={props.view} wizard={props.wizard} restart={restart} close={close} />}
          </>
        )}
      </div>
      {wizard?.step !== 'done' && (
        <div className="actions start">
          <button type="button" onClick={close} disabled={busy}>
            {wizard && wizard.step !== 'quote' ? t('wizard.cancel') : t('wizard.back')}
          </button>
        </div>
      )}
    </section>
  );
}
