export const CATALOG_ERROR_CODES = ['catalog-invalid'] as const;
export type CatalogErrorCode = (typeof CATALOG_ERROR_CODES)[number];

/** One problem in the catalog, e.g. `{ path: 'catalog.products[2].code', message: 'duplicate product code …' }`. */
export type CatalogIssue = { path: string; message: string };

export class CatalogError extends Error {
  override readonly name = 'CatalogError';
  readonly code: CatalogErrorCode = 'catalog-invalid';

  constructor(readonly issues: readonly CatalogIssue[]) {
    super(issues.map((issue) => `${issue.path}: ${issue.message}`).join('\n'));
  }
}

/** `['products', 2, 'editions']` → `catalog.products[2].editions`. */
export function formatCatalogPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((text, segment) => {
    if (typeof segment === 'number') return `${text}[${segment}]`;
    const key = String(segment);
    return /^[A-Za-z_$][\w$]*$/.test(key) ? `${text}.${key}` : `${text}[${JSON.stringify(key)}]`;
  }, 'catalog');
}
