import { useTranslation } from 'react-i18next';
import { type WizardStep } from '../../src-shared/renewal/wizard';

const ORDER = ['start', 'quote', 'choose', 'method', 'pay', 'done'] as const;

/** STEP1–STEP6 as the seed numbers them; the current one is marked for screen readers too. */
export function StepIndicator({ step }: { step: WizardStep }) {
  const { t } = useTranslation();
  const current = ORDER.indexOf(step);
  return (
    <ol className="steps" aria-label={t('wizard.title')}>
      {ORDER.map((name, i) => (
        <li
          key={name}
          className={i === current ? 'current' : i < current ? 'past' : undefined}
          aria-current={i === current ? 'step' : undefined}
        >
          <span className="step-no">{t('wizard.stepLabel', { n: i + 1 })}</span> {t(`wizard.steps.${name}`)}
        </li>
      ))}
    </ol>
  );
}
