import { daysInMonth } from './calendar-date';
import { LicensingError } from './licensing-error';

export type TermBasis = 'month-end' | 'day';

export const TERM_BASES = ['month-end', 'day'] as const satisfies readonly TermBasis[];

/** The part of a product policy that decides term dates, renewal windows and resumption deadlines. */
export type TermRules = {
  basis: TermBasis;
  renewalWindowMonths: number;
  resumptionYears: number | null;
  cutoffHour: number;
  /** Vendor closure days as 'MM-DD', repeated every year. */
  closures: string[];
};

const CLOSURE_PATTERN = /^(\d{2})-(\d{2})$/;

/** 'MM-DD' naming a day that exists in some year (02-29 included). */
export function isClosureDay(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = CLOSURE_PATTERN.exec(value);
  if (!match) return false;
  const month = Number(match[1]);
  const day = Number(match[2]);
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(2000, month);
}

function isPositiveInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value > 0;
}

/** Rules arrive from callers that may have built them by hand; a silent NaN date is worse than an error. */
export function assertTermRules(rules: TermRules): void {
  const problems: string[] = [];
  if (rules.basis !== 'month-end' && rules.basis !== 'day') problems.push(`basis ${JSON.stringify(rules.basis)}`);
  if (!isPositiveInteger(rules.renewalWindowMonths)) problems.push(`renewalWindowMonths ${rules.renewalWindowMonths}`);
  if (rules.resumptionYears !== null && !isPositiveInteger(rules.resumptionYears)) {
    problems.push(`resumptionYears ${rules.resumptionYears}`);
  }
  if (!Number.isInteger(rules.cutoffHour) || rules.cutoffHour < 0 || rules.cutoffHour > 23) {
    problems.push(`cutoffHour ${rules.cutoffHour}`);
  }
  if (!Array.isArray(rules.closures) || !rules.closures.every(isClosureDay)) {
    problems.push(`closures ${JSON.stringify(rules.closures)}`);
  }
  if (problems.length > 0) {
    throw new LicensingError('invalid-term-rules', `invalid term rules: ${problems.join(', ')}`);
  }
}

export function assertMonths(months: number): void {
  if (!isPositiveInteger(months)) {
    throw new LicensingError('invalid-months', `a term length must be a positive whole number of months: ${months}`, {
      months: String(months),
    });
  }
}
