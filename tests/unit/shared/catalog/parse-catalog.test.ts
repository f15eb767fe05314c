import { describe, expect, it } from 'vitest';
import { CatalogError, parseCatalog } from '../../../../src-shared/catalog';
import { loadSeedCatalog, readCatalogJson } from './seed-catalog';

type Json = Record<string, unknown>;

/** A deep copy of the seed catalog JSON, broken by `mutate`. */
function broken(mutate: (catalog: Json & { products: Json[] }) => void): unknown {
  const catalog = structuredClone(readCatalogJson()) as Json & { products: Json[] };
  mutate(catalog);
  return catalog;
}

const productAt = (catalog: { products: Json[] }, code: string): { index: number; product: Json & { editions: Json } } => {
  const index = catalog.products.findIndex((product) => product.code === code);
  expect(index, `product ${code}`).toBeGreaterThanOrEqual(0);
  return { index, product: catalog.products[index] as Json & { editions: Json } };
};

const policyOf = (product: { editions: Json }, edition: 'package' | 'download') =>
  (product.editions[edition] as { policy: Json }).policy;

function catalogErrorOf(data: unknown): CatalogError {
  let thrown: unknown;
  try {
    parseCatalog(data);
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(CatalogError);
  const error = thrown as CatalogError;
  expect(error.code).toBe('catalog-invalid');
  expect(error.issues.length).toBeGreaterThan(0);
  return error;
}

describe('the seed catalog', () => {
  it('loads and validates', () => {
    const catalog = loadSeedCatalog();
    expect(catalog.products.map((product) => product.code)).toEqual([
      'sakura-kaikei',
      'sakura-suitocho',
      'sakura-seikyu-takumi',
      'menzei-terminal',
      'model-studio',
      'model-studio-annual',
      'shinsei-shien',
    ]);
    expect(catalog.closures).toEqual(['12-29', '12-30', '12-31', '01-01', '01-02', '01-03']);
    expect(catalog.taxRatePercent).toBe(10);
  });

  it('uses fictional names only', () => {
    const text = JSON.stringify(readCatalogJson());
    for (const realBrand of [
      'ジョブカン',
      'あっと免税',
      'あとと免税',
      'ビジコム',
      'スパークス',
      'Enterprise Architect',
      'LemonTree',
      '5527-6891',
      '5491-1112',
    ]) {
      expect(text).not.toContain(realBrand);
    }
  });
});

describe('parseCatalog failures name the field', () => {
  it('rejects something that is not a catalog', () => {
    expect(catalogErrorOf(undefined).message).toBe('catalog: required field is missing (expected object)');
    expect(catalogErrorOf([]).message).toContain('catalog: ');
  });

  it('a missing field', () => {
    const error = catalogErrorOf(
      broken((catalog) => {
        const { index, product } = productAt(catalog, 'model-studio');
        delete policyOf(product, 'download').cutoffHour;
        expect(index).toBe(4);
      }),
    );
    expect(error.message).toBe(
      'catalog.products[4].editions.download.policy.cutoffHour: required field is missing (expected number)',
    );
  });

  it('a wrong type', () => {
    const error = catalogErrorOf(broken((catalog) => void (catalog.taxRatePercent = '10')));
    expect(error.message).toBe('catalog.taxRatePercent: Invalid input: expected number, received string (got "10")');
  });

  it('a renewal length that is not a positive integer', () => {
    for (const bad of [0, -6, 1.5]) {
      const error = catalogErrorOf(
        broken((catalog) => {
          policyOf(productAt(catalog, 'sakura-seikyu-takumi').product, 'download').renewalMonths = [bad];
        }),
      );
      expect(error.message).toMatch(/^catalog\.products\[2\]\.editions\.download\.policy\.renewalMonths\[0\]: /);
      expect(error.message).toContain(`(got ${bad})`);
    }
  });

  it('an option referenced by a policy that the product does not define', () => {
    const error = catalogErrorOf(
      broken((catalog) => {
        const { product } = productAt(catalog, 'sakura-kaikei');
        (policyOf(product, 'package').options as Json[])[1] = { code: 'payroll', removable: true, pricing: 'priced' };
      }),
    );
    expect(error.issues).toContainEqual({
      path: 'catalog.products[0].editions.package.policy.options[1].code',
      message: 'option "payroll" is not defined in catalog.products[0].options',
    });
  });

  it('duplicate product codes', () => {
    const error = catalogErrorOf(
      broken((catalog) => {
        productAt(catalog, 'model-studio-annual').product.code = 'model-studio';
      }),
    );
    expect(error.message).toBe('catalog.products[5].code: duplicate product code "model-studio" (also catalog.products[4])');
  });

  it('an unknown field (a typo must not pass silently)', () => {
    const error = catalogErrorOf(
      broken((catalog) => {
        const policy = policyOf(productAt(catalog, 'sakura-kaikei').product, 'package');
        policy.renewalMonth = policy.renewalMonths;
      }),
    );
    expect(error.issues).toContainEqual({
      path: 'catalog.products[0].editions.package.policy.renewalMonth',
      message: 'unknown field',
    });
  });

  it('a value outside its enumeration', () => {
    const error = catalogErrorOf(
      broken((catalog) => {
        policyOf(productAt(catalog, 'model-studio').product, 'download').termBasis = 'month_end';
      }),
    );
    expect(error.message).toMatch(/^catalog\.products\[4\]\.editions\.download\.policy\.termBasis: .*"month_end"/);
  });

  it('references to undefined payment methods or support contacts', () => {
    const error = catalogErrorOf(
      broken((catalog) => {
        catalog.paymentMethods = (catalog.paymentMethods as Json[]).filter((method) => method.code !== 'account-transfer');
        policyOf(productAt(catalog, 'menzei-terminal').product, 'download').supportContact = 'nobody';
      }),
    );
    expect(error.issues).toContainEqual({
      path: 'catalog.products[3].editions.download.policy.paymentMethods[0]',
      message: 'payment method "account-transfer" is not defined in catalog.paymentMethods',
    });
    expect(error.issues).toContainEqual({
      path: 'catalog.products[3].editions.download.policy.supportContact',
      message: 'support contact "nobody" is not defined in catalog.supportContacts',
    });
  });

  it('a renewal length without a price, and a price for a length not offered', () => {
    const error = catalogErrorOf(
      broken((catalog) => {
        const edition = productAt(catalog, 'sakura-kaikei').product.editions.package as { prices: { basic: Json[] } };
        edition.prices.basic = [
          { months: 12, yen: 33000 },
          { months: 3, yen: 9000 },
        ];
      }),
    );
    expect(error.issues).toContainEqual({
      path: 'catalog.products[0].editions.package.prices.basic[1].months',
      message: 'basic renewal: 3 months is not an allowed renewal length (6, 12)',
    });
    expect(error.issues).toContainEqual({
      path: 'catalog.products[0].editions.package.prices.basic',
      message: 'basic renewal: no price for the allowed renewal length of 6 months',
    });
  });

  it('a priced option without prices', () => {
    const error = catalogErrorOf(
      broken((catalog) => {
        const edition = productAt(catalog, 'sakura-kaikei').product.editions.package as { prices: { options: Json } };
        delete edition.prices.options['e-filing'];
      }),
    );
    expect(error.message).toBe('catalog.products[0].editions.package.prices.options: no prices for the priced option "e-filing"');
  });

  it('policies that contradict themselves', () => {
    const error = catalogErrorOf(
      broken((catalog) => {
        const download = policyOf(productAt(catalog, 'sakura-kaikei').product, 'download');
        download.expiry = 'banner';
        download.renewalWebPage = null;
        (download.options as Json[])[0] = { code: 'bank-import', removable: true, pricing: 'included' };
        policyOf(productAt(catalog, 'model-studio-annual').product, 'download').renewalMonths = [12];
        policyOf(productAt(catalog, 'shinsei-shien').product, 'package').optionCoverage = null;
      }),
    );
    const paths = error.issues.map((issue) => issue.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'catalog.products[0].editions.download.policy.expiry',
        'catalog.products[0].editions.download.policy.renewalWebPage',
        'catalog.products[0].editions.download.policy.options[0].removable',
        'catalog.products[5].editions.download.policy.renewalMonths',
        'catalog.products[6].editions.package.policy.options[0].pricing',
      ]),
    );
  });

  it('a product without any edition, and bad closures or phone hours', () => {
    const error = catalogErrorOf(
      broken((catalog) => {
        productAt(catalog, 'menzei-terminal').product.editions = {};
        catalog.closures = ['12-29', '13-01'];
        ((catalog.supportContacts as Json[])[0] as { phoneHours: Json[] }).phoneHours = [{ from: '17:00', to: '13:00' }];
      }),
    );
    expect(error.issues.map((issue) => issue.path)).toEqual(
      expect.arrayContaining(['catalog.products[3].editions', 'catalog.closures[1]']),
    );
    // Cross-field checks run only once the shape is valid, so the phone hours are reported on their own.
    const hours = catalogErrorOf(
      broken((catalog) => {
        ((catalog.supportContacts as Json[])[0] as { phoneHours: Json[] }).phoneHours = [{ from: '17:00', to: '13:00' }];
      }),
    );
    expect(hours.message).toBe('catalog.supportContacts[0].phoneHours[0]: phone hours must end after they start (17:00–13:00)');
  });

  it('lists every problem, one per line', () => {
    const error = catalogErrorOf(
      broken((catalog) => {
        catalog.taxRatePercent = -1;
        delete catalog.vendor;
      }),
    );
    expect(error.message.split('\n')).toHaveLength(2);
  });
});
