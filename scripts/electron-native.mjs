// better-sqlite3 for Electron, kept apart from the Node build.
//
// The same node_modules serves two runtimes: Node (tests, browser host, license service) and Electron (`npm start`,
// packaged app). Their native ABIs differ, so instead of rebuilding node_modules/better-sqlite3 back and forth we
// keep a second copy of the binary, built for Electron, in native/electron/better_sqlite3.node. The main process
// passes it to better-sqlite3 through its `nativeBinding` option (src-main/electron/native-binding.ts).
//
//   node scripts/electron-native.mjs             build if missing or stale (npm run build:native)
//   node scripts/electron-native.mjs --postinstall   same, but only when the Electron binary is already there
//   node scripts/electron-native.mjs --require   fail unless an up-to-date build exists (npm run dist)
//   node scripts/electron-native.mjs --status    print what would happen, as JSON
//
// Strategy: a prebuilt binary for this Electron version (prebuild-install, as better-sqlite3 publishes them), else
// a source build with node-gyp against Electron's headers. npm_config_nodedir is removed from the child
// environment: a machine configured to build against local Node headers would otherwise produce a Node binary.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT_DIR = path.join(ROOT, 'native', 'electron');
const OUT_FILE = path.join(OUT_DIR, 'better_sqlite3.node');
const STAMP_FILE = path.join(OUT_DIR, 'stamp.json');
const WORK_DIR = path.join(ROOT, '.cache', 'electron-native', 'better-sqlite3');

const readJson = (file) => JSON.parse(fs.readFileSync(file, 'utf8'));

export function wantedStamp() {
  const electron = readJson(path.join(ROOT, 'node_modules/electron/package.json')).version;
  const sqlite = readJson(path.join(ROOT, 'node_modules/better-sqlite3/package.json')).version;
  return { electron, betterSqlite3: sqlite, platform: process.platform, arch: process.arch };
}

export function isCurrent(stamp, wanted) {
  return !!stamp && Object.keys(wanted).every((k) => stamp[k] === wanted[k]);
}

function electronBinaryPresent() {
  const pathFile = path.join(ROOT, 'node_modules/electron/path.txt');
  if (!fs.existsSync(pathFile)) return false;
  return fs.existsSync(path.join(ROOT, 'node_modules/electron/dist', fs.readFileSync(pathFile, 'utf8')));
}

function currentStamp() {
  return fs.existsSync(STAMP_FILE) && fs.existsSync(OUT_FILE) ? readJson(STAMP_FILE) : null;
}

function childEnv() {
  const env = { ...process.env };
  for (const key of Object.keys(env)) if (/^npm_config_(nodedir|target|runtime|disturl|dist_url)$/i.test(key)) delete env[key];
  return env;
}

function run(command, args, cwd) {
  console.log(`electron-native: ${path.basename(command)} ${args.join(' ')}`);
  return spawnSync(command, args, { cwd, stdio: 'inherit', env: childEnv() }).status === 0;
}

function build(wanted) {
  const source = path.join(ROOT, 'node_modules/better-sqlite3');
  fs.rmSync(WORK_DIR, { recursive: true, force: true });
  fs.mkdirSync(WORK_DIR, { recursive: true });
  for (const entry of ['package.json', 'binding.gyp', 'src', 'deps', 'lib']) {
    fs.cpSync(path.join(source, entry), path.join(WORK_DIR, entry), { recursive: true });
  }
  const target = ['--runtime=electron', `--target=${wanted.electron}`, `--arch=${wanted.arch}`];
  const prebuild = path.join(ROOT, 'node_modules/prebuild-install/bin.js');
  const gyp = path.join(ROOT, 'node_modules/node-gyp/bin/node-gyp.js');
  const ok =
    (fs.existsSync(prebuild) &&
      run(process.execPath, [prebuild, ...target, `--platform=${wanted.platform}`, '--verbose'], WORK_DIR)) ||
    run(process.execPath, [gyp, 'rebuild', '--release', ...target, '--dist-url=https://electronjs.org/headers'], WORK_DIR);
  const built = path.join(WORK_DIR, 'build/Release/better_sqlite3.node');
  if (!ok || !fs.existsSync(built)) {
    fs.rmSync(WORK_DIR, { recursive: true, force: true });
    return false;
  }
  fs.mkdirSync(OUT_DIR, { recursive: true });
  fs.copyFileSync(built, OUT_FILE);
  fs.writeFileSync(STAMP_FILE, `${JSON.stringify(wanted, null, 2)}\n`);
  fs.rmSync(WORK_DIR, { recursive: true, force: true });
  return true;
}

function main(argv) {
  const mode = argv[2] ?? '--build';
  const wanted = wantedStamp();
  const current = isCurrent(currentStamp(), wanted);
  if (mode === '--status') {
    console.log(JSON.stringify({ wanted, current, electronBinary: electronBinaryPresent(), file: OUT_FILE }));
    return 0;
  }
  if (current) return 0;
  if (mode === '--require') {
    console.error(`electron-native: ${OUT_FILE} is missing or was built for another Electron; run "npm run build:native".`);
    return 1;
  }
  if (mode === '--postinstall' && !electronBinaryPresent()) {
    console.log('electron-native: Electron binary not installed yet; better-sqlite3 for Electron will be built by "npm start".');
    return 0;
  }
  if (build(wanted)) {
    console.log(`electron-native: built ${path.relative(ROOT, OUT_FILE)} for Electron ${wanted.electron}`);
    return 0;
  }
  console.error(
    'electron-native: could not obtain better-sqlite3 for Electron (no prebuilt binary and the source build failed).',
  );
  // After `npm install`, a failure here must not break the install: tests run on Node and do not need this file.
  return mode === '--postinstall' ? 0 : 1;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) process.exit(main(process.argv));
