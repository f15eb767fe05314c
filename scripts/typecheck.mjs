// Type-checks each layer against its own tsconfig, so a layer that reaches for an API it must not use
// (Node in src-shared, DOM in the main process) fails here.
import { spawnSync } from 'node:child_process';

const projects = ['shared', 'main', 'renderer', 'server', 'tests'];
let failed = false;
for (const name of projects) {
  const started = Date.now();
  const result = spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', `tsconfig.${name}.json`], {
    stdio: 'inherit',
  });
  const ok = result.status === 0;
  console.log(`typecheck ${name}: ${ok ? 'ok' : 'FAILED'} (${Date.now() - started} ms)`);
  failed ||= !ok;
}
process.exit(failed ? 1 : 0);
