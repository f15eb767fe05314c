import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Activation } from '../views/Activation';
import { VersionInfo } from '../views/VersionInfo';
import { ErrorMessage } from './ErrorMessage';
import { MenuBar } from './MenuBar';
import { useLicenseStatus } from './use-license-status';

export function App() {
  const { t } = useTranslation();
  const { status, loadError, set } = useLicenseStatus();
  const [showVersionInfo, setShowVersionInfo] = useState(false);

  return (
    <div className="shell">
      <MenuBar onVersionInfo={() => setShowVersionInfo(true)} />
      <main>
        {loadError && <ErrorMessage code={loadError} />}
        {!status && !loadError && <p>{t('app.loading')}</p>}
        {status && !status.license && (
          <>
            {status.problem && <ErrorMessage code={status.problem} />}
            <Activation
              onActivated={(next) => {
                set(next);
                setShowVersionInfo(true);
              }}
            />
          </>
        )}
      </main>
      {status && showVersionInfo && <VersionInfo status={status} onClose={() => setShowVersionInfo(false)} />}
    </div>
  );
}
