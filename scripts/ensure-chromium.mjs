// Makes sure the e2e tests have a Chromium: uses one that is there, else installs Debian's chromium with
// apt-get when running as root, else asks Playwright to download its own (needs internet), else explains.
import { spawnSync } from 'node:child_process';
import chromiumPath from './chromium-path.cjs';
const { findChromium } = chromiumPath;

function run(command, args) {
  console.log(`ensure-chromium: ${command} ${args.join(' ')}`);
  return spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } }).status === 0;
}

let found = findChromium();
if (!found && process.getuid?.() === 0 && spawnSync('which', ['apt-get']).status === 0) {
  run('apt-get', ['update']);
  run('apt-get', ['install', '-y', '--no-install-recommends', 'chromium', 'fonts-noto-cjk']);
  found = findChromium();
}
if (!found) {
  run(process.execPath, ['node_modules/@playwright/test/cli.js', 'install', 'chromium']);
  found = findChromium();
}
if (!found) {
  console.error(
    'ensure-chromium: no Chromium found. Install one (Debian: "sudo apt-get install chromium fonts-noto-cjk"), ' +
      'or run "npx playwright install chromium" with internet access, or set CHROMIUM_PATH to a Chromium binary.',
  );
  process.exit(1);
}
console.log(`ensure-chromium: using ${found}`);
