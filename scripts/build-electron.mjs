// Bundles the Electron main process and the preload into dist-electron/. The preload is sandboxed, so it must be
// one CommonJS file that requires nothing but 'electron'. Native and Electron-provided modules stay external.
import { build } from 'esbuild';

const common = { bundle: true, platform: 'node', target: 'node22', format: 'cjs', sourcemap: true, logLevel: 'info' };

await build({
  ...common,
  entryPoints: { main: 'src-main/electron/main.ts' },
  outExtension: { '.js': '.cjs' },
  outdir: 'dist-electron',
  external: ['electron', 'better-sqlite3', 'node-machine-id', 'electron-updater', 'electron-log'],
});
await build({
  ...common,
  entryPoints: { preload: 'src-main/electron/preload.ts' },
  outExtension: { '.js': '.cjs' },
  outdir: 'dist-electron',
  external: ['electron'],
});
