import { shell } from 'electron';
import { CodedError } from '../../src-shared/contracts/coded-error';
import type { ExternalBrowser } from '../ports/external-browser';
import { isAllowedExternal } from './security';

/**
 * ExternalBrowser port over shell.openExternal. Only the vendor's pages (allow-listed origins) may be opened: the
 * URL can come from the service or the renderer, and openExternal would also run file: or custom-protocol handlers.
 */
export function createElectronExternalBrowser(allowedOrigins: readonly string[]): ExternalBrowser {
  return {
    async open(url) {
      if (!isAllowedExternal(url, allowedOrigins)) {
        throw new CodedError('invalid-request', 'external URL not allowed', { url });
      }
      await shell.openExternal(url);
    },
  };
}
