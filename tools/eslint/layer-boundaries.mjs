// ESLint rule: which layer may import what (DESIGN.md, "Layer rules"). The per-layer tsconfigs make most
// crossings a compile error; this rule names the import that broke the rule and the layer's contract.
import path from 'node:path';

const NODE_BUILTINS = new Set([
  'assert',
  'buffer',
  'child_process',
  'cluster',
  'crypto',
  'dgram',
  'dns',
  'events',
  'fs',
  'fs/promises',
  'http',
  'http2',
  'https',
  'module',
  'net',
  'os',
  'path',
  'process',
  'readline',
  'stream',
  'tls',
  'url',
  'util',
  'v8',
  'vm',
  'worker_threads',
  'zlib',
]);

const isNode = (spec) => spec.startsWith('node:') || NODE_BUILTINS.has(spec);
const isPackage = (spec, name) => spec === name || spec.startsWith(`${name}/`);

/** @type {Record<string, { forbidden: (spec: string) => boolean, layers: string[], why: string }[]>} */
const RULES = {
  'src-shared': [
    { forbidden: isNode, layers: [], why: 'Node built-ins' },
    { forbidden: (s) => isPackage(s, 'electron'), layers: [], why: 'electron' },
    { forbidden: (s) => isPackage(s, 'react') || isPackage(s, 'react-dom'), layers: [], why: 'React' },
    { forbidden: (s) => isPackage(s, 'better-sqlite3') || isPackage(s, 'fastify'), layers: [], why: 'runtime-specific packages' },
    { forbidden: () => false, layers: ['src-main', 'src-renderer', 'src-server'], why: 'another layer' },
  ],
  'src-main': [{ forbidden: () => false, layers: ['src-renderer', 'src-server'], why: 'another layer' }],
  'src-renderer': [
    { forbidden: isNode, layers: [], why: 'Node built-ins' },
    {
      forbidden: (s) => isPackage(s, 'electron') || isPackage(s, 'better-sqlite3'),
      layers: [],
      why: 'electron or native modules',
    },
    { forbidden: () => false, layers: ['src-main', 'src-server'], why: 'another layer' },
  ],
  'src-server': [
    { forbidden: (s) => isPackage(s, 'electron'), layers: [], why: 'electron' },
    { forbidden: () => false, layers: ['src-main', 'src-renderer'], why: 'another layer' },
  ],
};

const LAYERS = Object.keys(RULES);

function layerOfPath(absPath, root) {
  const rel = path.relative(root, absPath).split(path.sep);
  return LAYERS.includes(rel[0]) ? rel[0] : null;
}

export const layerBoundaries = {
  meta: {
    type: 'problem',
    docs: { description: 'Keep src-shared, src-main, src-renderer and src-server apart as DESIGN.md says' },
    schema: [{ type: 'object', properties: { root: { type: 'string' } }, additionalProperties: false }],
    messages: {
      forbidden: "{{layer}} must not import '{{spec}}' ({{why}}); see DESIGN.md, Layer rules.",
    },
  },
  create(context) {
    const root = context.options[0]?.root ?? context.cwd;
    const file = context.filename;
    const layer = layerOfPath(file, root);
    if (!layer) return {};
    const rules = RULES[layer];

    function check(node, spec) {
      if (typeof spec !== 'string') return;
      let targetLayer = null;
      if (spec.startsWith('.')) targetLayer = layerOfPath(path.resolve(path.dirname(file), spec), root);
      for (const rule of rules) {
        const crosses = targetLayer !== null && targetLayer !== layer && rule.layers.includes(targetLayer);
        const bySpec = rule.layers.some((l) => spec === l || spec.startsWith(`${l}/`));
        if (crosses || bySpec || rule.forbidden(spec)) {
          context.report({ node, messageId: 'forbidden', data: { layer, spec, why: rule.why } });
          return;
        }
      }
    }

    return {
      ImportDeclaration: (node) => check(node.source, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node.source, node.source.value),
      ExportAllDeclaration: (node) => check(node.source, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node.source, node.source.value),
      CallExpression: (node) => {
        if (node.callee.type === 'Identifier' && node.callee.name === 'require' && node.arguments[0]?.type === 'Literal') {
          check(node.arguments[0], node.arguments[0].value);
        }
      },
    };
  },
};

export default { rules: { 'layer-boundaries': layerBoundaries } };
