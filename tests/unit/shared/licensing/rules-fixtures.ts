import type { TermRules } from '../../../../src-shared/licensing';

export const CLOSURES = ['12-29', '12-30', '12-31', '01-01', '01-02', '01-03'];

/** Seed 003: modelling tool support bought direct. */
export const MONTH_END_DIRECT: TermRules = {
  basis: 'month-end',
  renewalWindowMonths: 2,
  resumptionYears: 3,
  cutoffHour: 15,
  closures: CLOSURES,
};

/** Seed 000: desktop product, package edition. */
export const DAY_PACKAGE: TermRules = {
  basis: 'day',
  renewalWindowMonths: 2,
  resumptionYears: null,
  cutoffHour: 16,
  closures: CLOSURES,
};
