import { readFileSync } from 'node:fs';
import { parseCatalog, type Catalog } from '../../../../src-shared/catalog';

/** The catalog JSON as the Node layers will read it: parsed from disk, never imported into src-shared. */
export function readCatalogJson(): unknown {
  return JSON.parse(readFileSync(new URL('../../../../resources/catalog/catalog.json', import.meta.url), 'utf8'));
}

export function loadSeedCatalog(): Catalog {
  return parseCatalog(readCatalogJson());
}
