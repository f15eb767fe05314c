import { useCallback, useEffect, useState } from 'react';
import { type ErrorCode } from '../../src-shared/contracts/error-codes';
import { type LaunchState } from '../../src-shared/ipc/launch-state';
import { call } from '../api/desktop-api';
import { onEvent } from '../api/events';
import { takeLaunchState } from './initial-state';

export type LaunchStateHook = {
  state: LaunchState | null;
  loadError: ErrorCode | null;
  /** Replaces the state with an answer the views got themselves (activation, trial, recheck). */
  set: (state: LaunchState) => void;
  recheck: () => Promise<void>;
};

/**
 * The launch state: asked once at start, then kept current by `launch:changed` events (one subscription for the
 * whole app). When the OS says the network is back, the service is asked at once.
 */
export function useLaunchState(): LaunchStateHook {
  const [state, setState] = useState<LaunchState | null>(null);
  const [loadError, setLoadError] = useState<ErrorCode | null>(null);

  useEffect(() => {
    let live = true;
    const unsubscribe = onEvent('launch:changed', (next) => live && setState(next));
    takeLaunchState()
      .then((s) => live && setState(s))
      .catch((error: { code?: ErrorCode }) => live && setLoadError(error.code ?? 'internal'));
    return () => {
      live = false;
      unsubscribe();
    };
  }, []);

  const recheck = useCallback(async () => {
    setState(await call('launch:recheck', {}));
  }, []);

  useEffect(() => {
    const online = () => void recheck().catch(() => {});
    window.addEventListener('online', online);
    return () => window.removeEventListener('online', online);
  }, [recheck]);

  return { state, loadError, set: setState, recheck };
}
