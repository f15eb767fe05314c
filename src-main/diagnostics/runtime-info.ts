import os from 'node:os';
import { type RuntimeInfo } from './diagnostics-report';

/** The versions support asks for first: OS, architecture, Electron/Chromium/Node, locale and the machine's zone. */
export function readRuntimeInfo(): RuntimeInfo {
  const versions = process.versions as NodeJS.ProcessVersions & { electron?: string; chrome?: string };
  const resolved = Intl.DateTimeFormat().resolvedOptions();
  return {
    os: os.type(),
    osRelease: os.release(),
    osVersion: os.version(),
    arch: os.arch(),
    node: versions.node,
    electron: versions.electron ?? null,
    chrome: versions.chrome ?? null,
    locale: resolved.locale,
    timeZone: resolved.timeZone,
  };
}
