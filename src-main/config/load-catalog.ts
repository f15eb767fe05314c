import fs from 'node:fs';
import path from 'node:path';
import { type Catalog, parseCatalog } from '../../src-shared/catalog';

/** The product catalog shipped in resources/; a broken one stops the app at start with the field named. */
export function loadCatalog(resourcesDir: string): Catalog {
  return parseCatalog(JSON.parse(fs.readFileSync(path.join(resourcesDir, 'catalog', 'catalog.json'), 'utf8')));
}
