import { useCallback, useEffect, useState } from 'react';
import { type IpcChannel, type IpcRequest } from '../../src-shared/ipc/contract';
import { type RenewalView } from '../../src-shared/ipc/renewal-view';
import { call } from '../api/desktop-api';

type RenewalChannel = 'renewal:open' | 'renewal:act' | 'renewal:pay' | 'renewal:register';

/** The wizard as main holds it: opened (or resumed) once, then every step is a call that answers the new view. */
export function useRenewal() {
  const [view, setView] = useState<RenewalView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const send = useCallback(async <C extends RenewalChannel & IpcChannel>(channel: C, request: IpcRequest<C>) => {
    setBusy(true);
    setError(null);
    try {
      setView((await call(channel, request as never)) as RenewalView);
    } catch (e) {
      setError((e as { code?: string }).code ?? 'internal');
    } finally {
      setBusy(false);
    }
  }, []);

  useEffect(() => {
    void send('renewal:open', {});
  }, [send]);

  return { view, error, busy, send };
}
