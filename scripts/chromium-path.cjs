// Finds a Chromium for the browser tests: CHROMIUM_PATH, Debian's chromium, or Playwright's own download.
// CommonJS so that both playwright.config.ts and scripts/ensure-chromium.mjs can load it.
const fs = require('node:fs');

function findChromium() {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
  for (const candidate of candidates) if (candidate && fs.existsSync(candidate)) return candidate;
  try {
    const own = require('playwright-core').chromium.executablePath();
    if (own && fs.existsSync(own)) return own;
  } catch {
    // playwright-core not resolvable: fall through
  }
  return null;
}

module.exports = { findChromium };
