import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { prefetchLaunchState } from './app/initial-state';
import { initI18n } from './i18n/i18n';
import './styles/app.css';

prefetchLaunchState();
initI18n();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
