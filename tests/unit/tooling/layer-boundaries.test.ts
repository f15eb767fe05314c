import path from 'node:path';
import { Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import layers from '../../../tools/eslint/layer-boundaries.mjs';

const root = path.resolve(__dirname, '../../..');

function lint(file: string, code: string) {
  const linter = new Linter({ configType: 'flat', cwd: root });
  return linter.verify(
    code,
    [
      {
        files: ['**/*.ts', '**/*.tsx'],
        languageOptions: { parser: tseslint.parser as Linter.Parser },
        plugins: { local: layers },
        rules: { 'local/layer-boundaries': ['error', { root }] },
      },
    ],
    path.join(root, file),
  );
}

describe('layer-boundaries lint rule', () => {
  it('rejects node:fs in src-shared and names the import', () => {
    const messages = lint('src-shared/licensing/term.ts', "import { readFileSync } from 'node:fs';\n");
    expect(messages).toHaveLength(1);
    expect(messages[0]?.message).toBe("src-shared must not import 'node:fs' (Node built-ins); see DESIGN.md, Layer rules.");
  });

  it('rejects bare built-ins and require() in src-shared', () => {
    expect(lint('src-shared/a.ts', "import path from 'path';")).toHaveLength(1);
    expect(lint('src-shared/a.ts', "const fs = require('fs');")).toHaveLength(1);
  });

  it('rejects electron in src-renderer', () => {
    const messages = lint('src-renderer/App.tsx', "import { ipcRenderer } from 'electron';\n");
    expect(messages.map((m) => m.message)).toEqual([
      "src-renderer must not import 'electron' (electron or native modules); see DESIGN.md, Layer rules.",
    ]);
  });

  it('rejects relative imports that cross into another layer', () => {
    expect(lint('src-renderer/views/x.ts', "import { db } from '../../src-main/store/database';")).toHaveLength(1);
    expect(lint('src-main/a.ts', "import { app } from '../src-server/app';")).toHaveLength(1);
    expect(lint('src-server/a.ts', "export * from '../src-main/x';")).toHaveLength(1);
    expect(lint('src-shared/a.ts', "import('../src-renderer/x');")).toHaveLength(1);
  });

  it('allows what each layer may use', () => {
    expect(
      lint('src-main/a.ts', "import fs from 'node:fs'; import { app } from 'electron'; import { x } from '../src-shared/x';"),
    ).toEqual([]);
    expect(lint('src-renderer/a.ts', "import React from 'react'; import { x } from '../src-shared/x';")).toEqual([]);
    expect(lint('src-server/a.ts', "import Fastify from 'fastify'; import crypto from 'node:crypto';")).toEqual([]);
    expect(lint('src-shared/a.ts', "import { z } from 'zod'; import { y } from './y';")).toEqual([]);
  });

  it('leaves files outside the layers alone', () => {
    expect(lint('scripts/x.ts', "import fs from 'node:fs'; import { app } from 'electron';")).toEqual([]);
  });
});
