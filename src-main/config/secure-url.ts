import { CodedError } from '../../src-shared/contracts/coded-error';

// Only a developer's own machine may be reached in the clear: the license token and the signed license travel on
// these connections, and an update feed reached over http could hand the app a tampered installer's metadata.
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** https always; plain http only to this machine and only in development (an unpackaged app). */
export function isSecureServiceUrl(url: string, packaged: boolean): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol === 'https:') return true;
  return !packaged && parsed.protocol === 'http:' && LOOPBACK_HOSTS.has(parsed.hostname);
}

/** Refuses, with a coded error the start-up dialog and the update state can name, a URL the rule above forbids. */
export function requireSecureServiceUrl(url: string, packaged: boolean): void {
  if (!isSecureServiceUrl(url, packaged)) {
    throw new CodedError('insecure-service-url', `refused a service URL that is not https: ${url}`);
  }
}
