import fs from 'node:fs';
import { type Catalog, parseCatalog } from '../../src-shared/catalog';

/** Reads and validates the product catalog; a broken catalog stops the service with the failing field named. */
export function loadCatalog(file: string): Catalog {
  return parseCatalog(JSON.parse(fs.readFileSync(file, 'utf8')));
}
