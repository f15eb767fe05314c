import { useTranslation } from 'react-i18next';

/** Shows the catalog message for a stable error code; the code itself stays visible for support. */
export function ErrorMessage({ code }: { code: string }) {
  const { t } = useTranslation();
  return (
    <p className="error" role="alert" data-error-code={code}>
      {t(`errors.${code}`, { defaultValue: t('errors.internal') })}
      <span className="error-code">({code})</span>
    </p>
  );
}
