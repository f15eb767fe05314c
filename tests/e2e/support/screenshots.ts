import fs from 'node:fs';
import path from 'node:path';
import { type Page } from '@playwright/test';
import { ROOT } from './processes';

// `npm test` writes screenshots to an ignored folder so the tree stays clean; `npm run screenshots` sets
// SCREENSHOT_DIR=docs/screenshots to refresh the committed ones.
const DIR = path.resolve(ROOT, process.env.SCREENSHOT_DIR ?? 'var/screenshots');

export async function shot(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<void> {
  fs.mkdirSync(DIR, { recursive: true });
  await page.screenshot({ path: path.join(DIR, `${name}.png`), fullPage: options.fullPage ?? false });
}
