import { type CatalogIssue, CatalogError, formatCatalogPath } from './catalog-error';
import { catalogConsistencyIssues } from './catalog-consistency';
import { type Catalog, catalogShapeSchema } from './catalog-schema';

function describeInput(input: unknown): string {
  if (input === null || ['string', 'number', 'boolean'].includes(typeof input)) return `got ${JSON.stringify(input)}`;
  return `got ${Array.isArray(input) ? 'an array' : typeof input}`;
}

/**
 * Validates parsed catalog JSON (the Node layers read the file; src-shared never touches the disk).
 * Throws CatalogError whose message lists every problem as `catalog.<path>: <what is wrong>`.
 */
export function parseCatalog(data: unknown): Catalog {
  const shape = catalogShapeSchema.safeParse(data, { reportInput: true });
  if (!shape.success) {
    const issues: CatalogIssue[] = shape.error.issues.flatMap((issue): CatalogIssue[] => {
      if (issue.code === 'unrecognized_keys') {
        return issue.keys.map((key) => ({ path: formatCatalogPath([...issue.path, key]), message: 'unknown field' }));
      }
      if (issue.code === 'invalid_type' && issue.input === undefined) {
        return [{ path: formatCatalogPath(issue.path), message: `required field is missing (expected ${issue.expected})` }];
      }
      return [{ path: formatCatalogPath(issue.path), message: `${issue.message} (${describeInput(issue.input)})` }];
    });
    throw new CatalogError(issues);
  }
  const consistency = catalogConsistencyIssues(shape.data);
  if (consistency.length > 0) {
    throw new CatalogError(consistency.map((issue) => ({ path: formatCatalogPath(issue.path), message: issue.message })));
  }
  return shape.data;
}
