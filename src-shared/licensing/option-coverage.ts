import { type CalendarDate, parseDate } from './calendar-date';
import { LicensingError } from './licensing-error';
import { dayBasisTermEnd } from './term';

/** Seed 004's thresholds and fee, as data so a catalog can carry them per product. */
export type OptionCoverageRule = {
  /** Everything is free while the renewed term starts within this many months after installation. */
  freeMonthsAfterInstall: number;
  /** Yearly applications from which every option is free. */
  allOptionsFreeFrom: number;
  /** Yearly applications from which the first wanted option is free. */
  oneOptionFreeFrom: number;
  /** Applications per license that make the basic renewal free. */
  basicApplicationsPerLicense: number;
  /** New additional applications each option needs to be free. */
  applicationsPerOption: number;
  /** Fee per missing application, consumption tax included. */
  feePerMissingApplicationYen: number;
};

export const SEED_004_COVERAGE_RULE: OptionCoverageRule = {
  freeMonthsAfterInstall: 12,
  allOptionsFreeFrom: 50,
  oneOptionFreeFrom: 40,
  basicApplicationsPerLicense: 3,
  applicationsPerOption: 2,
  feePerMissingApplicationYen: 5500,
};

export type OptionCoverageInput = {
  installedOn: CalendarDate;
  /** First day of the renewed term (not the day the customer fills in the form). */
  renewalOn: CalendarDate;
  yearlyApplications: number;
  /** New additional applications (新規追加申請); a subset of `yearlyApplications`. */
  newAdditionalApplications: number;
  licenses: number;
  /** Options wanted, in the customer's order of preference. */
  options: string[];
};

export type ChargedOption = { option: string; missingApplications: number; feeYen: number };

export type OptionCoverage = {
  free: string[];
  charged: ChargedOption[];
  basicCovered: boolean;
};

function assertCount(name: string, value: number, minimum: number): void {
  if (!Number.isInteger(value) || value < minimum) {
    throw new LicensingError('invalid-coverage-input', `${name} must be a whole number ≥ ${minimum}: ${value}`, {
      field: name,
    });
  }
}

function assertInput(input: OptionCoverageInput): void {
  parseDate(input.installedOn);
  parseDate(input.renewalOn);
  assertCount('yearlyApplications', input.yearlyApplications, 0);
  assertCount('newAdditionalApplications', input.newAdditionalApplications, 0);
  assertCount('licenses', input.licenses, 1);
  if (input.renewalOn < input.installedOn) {
    throw new LicensingError('invalid-coverage-input', 'renewalOn is before installedOn', { field: 'renewalOn' });
  }
  if (input.newAdditionalApplications > input.yearlyApplications) {
    throw new LicensingError(
      'invalid-coverage-input',
      'newAdditionalApplications are part of yearlyApplications and cannot exceed them',
      { field: 'newAdditionalApplications' },
    );
  }
  const seen = new Set<string>();
  for (const option of input.options) {
    if (seen.has(option)) throw new LicensingError('duplicate-option', `option listed twice: ${option}`, { option });
    seen.add(option);
  }
}

/** Whether the renewed term starts inside the free first year: installed 2023-04-01 → free through 2024-03-31. */
export function isWithinFreePeriod(rule: OptionCoverageRule, installedOn: CalendarDate, renewalOn: CalendarDate): boolean {
  return renewalOn <= dayBasisTermEnd(installedOn, rule.freeMonthsAfterInstall);
}

/**
 * Seed 004: which wanted options a renewal covers free, and what the others cost.
 *
 * Options need new additional applications "in addition to" the basic need of 3 per license, and no application
 * is counted twice: the new additional applications that cover options are those above the basic need,
 * min(newAdditional, yearly − 3 × licenses), two per option in order of preference. Surplus ordinary
 * applications never cover an option; when the basic need is not met, no option is covered by applications.
 */
export function optionCoverage(input: OptionCoverageInput, rule: OptionCoverageRule = SEED_004_COVERAGE_RULE): OptionCoverage {
  assertInput(input);
  if (isWithinFreePeriod(rule, input.installedOn, input.renewalOn)) {
    return { free: [...input.options], charged: [], basicCovered: true };
  }

  const basicNeed = rule.basicApplicationsPerLicense * input.licenses;
  const basicCovered = input.yearlyApplications >= basicNeed;
  if (input.yearlyApplications >= rule.allOptionsFreeFrom) {
    return { free: [...input.options], charged: [], basicCovered };
  }

  let pool = Math.max(0, Math.min(input.newAdditionalApplications, input.yearlyApplications - basicNeed));

  const free: string[] = [];
  const charged: ChargedOption[] = [];
  input.options.forEach((option, index) => {
    if (index === 0 && input.yearlyApplications >= rule.oneOptionFreeFrom) {
      free.push(option);
      return;
    }
    const used = Math.min(pool, rule.applicationsPerOption);
    pool -= used;
    const missing = rule.applicationsPerOption - used;
    if (missing === 0) free.push(option);
    else charged.push({ option, missingApplications: missing, feeYen: missing * rule.feePerMissingApplicationYen });
  });
  return { free, charged, basicCovered };
}
