import { useCallback, useEffect, useState } from 'react';
import { type LicenseStatus } from '../../src-shared/ipc/license-status';
import { call } from '../api/desktop-api';

export type StatusState = {
  status: LicenseStatus | null;
  loadError: string | null;
  reload: () => void;
  set: (s: LicenseStatus) => void;
};

export function useLicenseStatus(): StatusState {
  const [status, setStatus] = useState<LicenseStatus | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const reload = useCallback(() => {
    call('license:status', {})
      .then((s) => {
        setStatus(s);
        setLoadError(null);
      })
      .catch((error: { code?: string }) => setLoadError(error.code ?? 'internal'));
  }, []);
  useEffect(reload, [reload]);
  return { status, loadError, reload, set: setStatus };
}
