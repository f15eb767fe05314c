import fs from 'node:fs';
import path from 'node:path';

/**
 * better-sqlite3 compiled for Electron's ABI lives apart from the Node build that tests use (see
 * scripts/electron-native.mjs), so `npm test` and `npm start` never fight over one binary.
 */
export function electronSqliteBinding(input: { isPackaged: boolean; resourcesPath: string; appPath: string }): string {
  const file = input.isPackaged
    ? path.join(input.resourcesPath, 'native', 'better_sqlite3.node')
    : path.join(input.appPath, 'native', 'electron', 'better_sqlite3.node');
  if (!fs.existsSync(file)) {
    throw new Error(
      `better-sqlite3 for Electron is missing at ${file}. Run "npm run build:native" (npm install does this when Electron is installed).`,
    );
  }
  return file;
}
