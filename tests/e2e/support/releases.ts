import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export const RELEASE_VERSION = '1.1.0';
export const RELEASE_ARTIFACT = 'RenewalDesk-Setup-1.1.0.exe';
export const RELEASE_SIZE = 3 * 1024 * 1024;

/**
 * A release as electron-builder writes it, in `<dir>/releases`: the artifact and a latest.yml naming it with its
 * real sha512 (base64), released yesterday (inside every term the e2e tests issue). A corrupt release's latest.yml
 * names bytes other than those served. Returns the folder, for the service's LICENSE_SERVICE_RELEASES.
 */
export function placeRelease(dir: string, options: { corrupt?: boolean } = {}): string {
  const releases = path.join(dir, 'releases');
  fs.mkdirSync(releases, { recursive: true });
  const bytes = crypto.randomBytes(RELEASE_SIZE);
  fs.writeFileSync(path.join(releases, RELEASE_ARTIFACT), bytes);
  const sha512 = crypto
    .createHash('sha512')
    .update(options.corrupt ? Buffer.from('other bytes') : bytes)
    .digest('base64');
  const releaseDate = new Date(Date.now() - 86_400_000).toISOString();
  fs.writeFileSync(
    path.join(releases, 'latest.yml'),
    [
      `version: ${RELEASE_VERSION}`,
      'files:',
      `  - url: ${RELEASE_ARTIFACT}`,
      `    sha512: ${sha512}`,
      `    size: ${RELEASE_SIZE}`,
      `path: ${RELEASE_ARTIFACT}`,
      `sha512: ${sha512}`,
      `releaseDate: '${releaseDate}'`,
      'releaseNotes: |',
      '  インボイス制度の様式を更新しました。',
      '  起動を速くしました。',
      '',
    ].join('\n'),
  );
  return releases;
}
