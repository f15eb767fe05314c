import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ExternalTarget } from '../../src-shared/ipc/contract';
import { call } from '../api/desktop-api';
import { onEvent } from '../api/events';
import { STARTUP_SCREENS } from '../screens/screen-map';
import { type ScreenActions } from '../screens/screen-props';
import { Home } from '../views/Home';
import { RenewalWizard } from '../renewal/RenewalWizard';
import { SupportDialog } from '../views/SupportDialog';
import { VersionInfo } from '../views/VersionInfo';
import { UpdatePrompt } from '../update/UpdatePrompt';
import { ErrorMessage } from './ErrorMessage';
import { MenuBar } from './MenuBar';
import { useLaunchState } from './use-launch-state';

type View = 'launch' | 'renewal';

export function App() {
  const { t } = useTranslation();
  const { state, loadError, set, recheck } = useLaunchState();
  const [view, setView] = useState<View>('launch');
  const [showVersionInfo, setShowVersionInfo] = useState(false);
  const [showSupport, setShowSupport] = useState(false);
  // A perpetual license may start past its term; the user chose to go on without renewing (this session only).
  const [continued, setContinued] = useState(false);

  // The moment the first meaningful screen is on the page, for `npm run bench:ui` and for support's diagnostics.
  const ready = state !== null || loadError !== null;
  useEffect(() => {
    if (ready && performance.getEntriesByName('first-screen').length === 0) performance.mark('first-screen');
  }, [ready]);

  // The native menu (Electron) sends its commands as events; the in-window menu calls the same setters.
  useEffect(
    () =>
      onEvent('menu:command', ({ command }) => {
        if (command === 'version-info') setShowVersionInfo(true);
        else if (command === 'support') setShowSupport(true);
        else setView('launch');
      }),
    [],
  );

  const actions: ScreenActions = useMemo(
    () => ({
      set,
      recheck,
      open: (target: ExternalTarget) => void call('external:open', { target }).catch(() => {}),
      renew: () => {
        setShowVersionInfo(false);
        setView('renewal');
      },
      continueToProduct: () => setContinued(true),
    }),
    [set, recheck],
  );
  const renewalActions = {
    onRenew: actions.renew,
    onWebPage: () => actions.open('renewal-page'),
    onPurchase: () => actions.open('purchase-page'),
  };

  // Which screen is showing. When it changes under the focus (ライセンス認証 gone after activating, a background check
  // stopping the license), the focus would fall back to the top of the window: it goes to the new screen's heading
  // instead, so the next Tab is in the screen and a screen reader says where the user is. A focus still on the page
  // (a field, an open dialog) is never taken away.
  const screenKey = loadError
    ? 'error'
    : !state
      ? 'loading'
      : view === 'renewal' && state.license
        ? 'renewal'
        : state.screen === 'none' || (continued && state.canStart)
          ? 'home'
          : state.screen;
  useEffect(() => {
    if (document.activeElement && document.activeElement !== document.body) return;
    const heading = document.querySelector<HTMLElement>('main h1');
    if (!heading) return;
    heading.tabIndex = -1;
    heading.focus();
  }, [screenKey]);

  const content = () => {
    if (loadError) return <ErrorMessage code={loadError} />;
    if (!state) return <p>{t('app.loading')}</p>;
    if (view === 'renewal' && state.license) {
      return <RenewalWizard state={state} onClose={() => setView('launch')} onWebForm={() => actions.open('support-form')} />;
    }
    if (state.screen === 'none' || (continued && state.canStart)) {
      return <Home state={state} actions={renewalActions} onRecheck={recheck} />;
    }
    const Screen = STARTUP_SCREENS[state.screen];
    return <Screen state={state} actions={actions} />;
  };

  return (
    <div className="shell">
      <MenuBar onVersionInfo={() => setShowVersionInfo(true)} onSupport={() => setShowSupport(true)} />
      <main data-screen={state?.screen}>{content()}</main>
      {state && showSupport && (
        <SupportDialog state={state} onWebForm={() => actions.open('support-form')} onClose={() => setShowSupport(false)} />
      )}
      {state && showVersionInfo && (
        <VersionInfo state={state} actions={renewalActions} onClose={() => setShowVersionInfo(false)} />
      )}
      <UpdatePrompt />
    </div>
  );
}
