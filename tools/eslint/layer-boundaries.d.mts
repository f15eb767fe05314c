import type { ESLint, Rule } from 'eslint';

export declare const layerBoundaries: Rule.RuleModule;
declare const plugin: ESLint.Plugin;
export default plugin;
