import { type Edition, EDITIONS } from '../licensing/license-kind';
import { LicensingError } from '../licensing/licensing-error';
import type { Catalog, CatalogEdition, CatalogProduct } from './catalog-schema';

export function findProduct(catalog: Catalog, productCode: string): CatalogProduct {
  const product = catalog.products.find((candidate) => candidate.code === productCode);
  if (product === undefined) {
    throw new LicensingError('unknown-product', `no product "${productCode}" in the catalog`, { product: productCode });
  }
  return product;
}

export function findEdition(product: CatalogProduct, edition: string): CatalogEdition {
  const data = (EDITIONS as readonly string[]).includes(edition) ? product.editions[edition as Edition] : undefined;
  if (data === undefined) {
    throw new LicensingError('unknown-edition', `product "${product.code}" has no "${edition}" edition`, {
      product: product.code,
      edition,
    });
  }
  return data;
}

/** The editions a product is sold in, package first. */
export function editionsOf(product: CatalogProduct): Edition[] {
  return EDITIONS.filter((edition) => product.editions[edition] !== undefined);
}
