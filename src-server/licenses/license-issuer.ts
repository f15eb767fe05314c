import crypto from 'node:crypto';
import { findEdition, findProduct, termRulesFor } from '../../src-shared/catalog';
import { type Edition, jstDateOf, resumptionTerm } from '../../src-shared/licensing';
import { licenseNumberFromDigits } from '../../src-shared/contracts/license-number';
import { type ServiceContext } from '../service-context';
import { type LicenseRow } from './license-repository';

export type IssueInput = {
  product: string;
  edition: Edition;
  /** First day of service (JST); default today. */
  start?: string;
  /** Last day of service; default: `months` from `start` by the product's term basis. */
  end?: string;
  months?: number;
  customerId?: string | null;
  installedOn?: string | null;
  trial?: boolean;
  device?: string | null;
};

export type IssuedLicense = { license: LicenseRow; registration: { registrationNumber: string; installKey: string } | null };

export function hashInstallKey(installKey: string): string {
  return crypto.createHash('sha256').update(installKey.replace(/[\s-]/g, '').toUpperCase()).digest('hex');
}

/** 製品登録番号 and インストールキー as printed in a package's booklet. */
function newPackageRegistration(): { registrationNumber: string; installKey: string } {
  const digits = Array.from({ length: 12 }, () => crypto.randomInt(10)).join('');
  const registrationNumber = `${digits.slice(0, 4)}-${digits.slice(4, 8)}-${digits.slice(8)}`;
  const installKey = licenseNumberFromDigits(Array.from({ length: 15 }, () => crypto.randomInt(32)));
  return { registrationNumber, installKey };
}

/**
 * Creates a license for a product and edition as the catalog describes them: its kind, and every option of the
 * policy with the service term's end. A package license gets its registration number and install key.
 */
export async function issueLicense(ctx: ServiceContext, input: IssueInput): Promise<IssuedLicense> {
  const now = ctx.clock();
  const product = findProduct(ctx.catalog, input.product);
  const { policy } = findEdition(product, input.edition);
  const start = input.start ?? jstDateOf(now.toISOString());
  const end = input.end ?? resumptionTerm(termRulesFor(ctx.catalog, product.code, input.edition), start, input.months ?? 12).end;
  if (end < start) throw new RangeError('a license cannot end before it starts');
  const registration = input.edition === 'package' && !input.trial ? newPackageRegistration() : null;
  const license = await ctx.licenses.create(
    {
      product: product.code,
      edition: input.edition,
      kind: policy.licenseKind,
      termStart: start,
      termEnd: end,
      trial: input.trial ?? false,
      options: policy.options.map((option) => ({ code: option.code, end })),
      customerId: input.customerId ?? null,
      installedOn: input.installedOn ?? start,
      registrationNumber: registration?.registrationNumber ?? null,
      installKeyHash: registration ? hashInstallKey(registration.installKey) : null,
      device: input.device ?? null,
      // seed 001: a subscription extended online renews by its contract; validations extend it (auto-renewal).
      autoRenew: policy.onlineExtension && !input.trial,
    },
    now.toISOString(),
  );
  return { license, registration };
}
