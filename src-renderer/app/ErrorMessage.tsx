import { useTranslation } from 'react-i18next';

/** Shows the catalog message for a stable error code; the code itself is kept in a small details line for support. */
export function ErrorMessage({ code }: { code: string }) {
  const { t } = useTranslation();
  return (
    <div className="error" role="alert" data-error-code={code}>
      <p>{t(`errors.${code}`, { defaultValue: t('errors.internal') })}</p>
      <p className="error-code">{t('errorDetails', { code })}</p>
    </div>
  );
}
