// Public surface of the licensing rules engine. Pure: no clock, no I/O, JST dates whatever the machine's zone.
export { LICENSING_ERROR_CODES, LicensingError, isLicensingError } from './licensing-error';
export type { LicensingErrorCode, LicensingErrorDetails } from './licensing-error';

export {
  addDays,
  addMonthsClamped,
  compareDates,
  daysBetween,
  isCalendarDate,
  isMonthEnd,
  lastDayOfMonth,
  weekday,
} from './calendar-date';
export type { CalendarDate } from './calendar-date';
export { compareInstants, instantToEpochMs, jstDateAt, jstDateOf, jstInstantAt } from './jst';
export type { Instant } from './jst';

export { TERM_BASES, assertTermRules, isClosureDay } from './term-rules';
export type { TermBasis, TermRules } from './term-rules';
export { EDITIONS, LICENSE_KINDS, isRenewable, startsAfterExpiry } from './license-kind';
export type { Edition, LicenseKind } from './license-kind';

export { HOLIDAY_DATA_YEARS, isJapaneseHoliday, japaneseHolidayName } from './japanese-holiday';
export { isBusinessDay, isVendorClosure, lastBusinessDayOfMonth } from './business-day';
export type { BusinessCalendar } from './business-day';

export { continuousRenewalTerm, dayBasisTermEnd, resumptionTerm } from './term';
export type { Term } from './term';
export { isRenewalWindowOpen, renewalWindowOpens } from './renewal-window';
export { isPastResumptionDeadline, resumptionDeadline } from './resumption-deadline';
export type { ResumptionDeadline } from './resumption-deadline';
export { planRenewal } from './plan-renewal';
export type { RenewalPlan } from './plan-renewal';
export { trialTerm } from './trial';

export { daysRemaining } from './days-remaining';
export { LICENSE_STATES, NOTICE_CODES, REMINDER_NOTICE_CODES, SCREEN_CODES } from './launch-codes';
export type { LicenseState, NoticeCode, ReminderNoticeCode, ScreenCode } from './launch-codes';
export { decideLaunch } from './launch-decision';
export type { LaunchDecision, LaunchInput, LaunchLicense, LaunchPolicy, LaunchTrust } from './launch-decision';

export { SEED_004_COVERAGE_RULE, isWithinFreePeriod, optionCoverage } from './option-coverage';
export type { ChargedOption, OptionCoverage, OptionCoverageInput, OptionCoverageRule } from './option-coverage';
export { DEFAULT_TAX_RATE_PERCENT, quoteRenewal } from './quote';
export type { QuoteInput, QuoteLine, QuoteLineStatus, RenewalQuote } from './quote';

// Several licenses of one customer (seed 003, issue 11): support states and renewing them to one end date.
export { CUSTOMER_SUPPORT_STATES, customerSupportStates } from './customer-support-state';
export type {
  CustomerLicense,
  CustomerLicenseSupport,
  CustomerSupportState,
  StopCause,
  SuspensionCause,
} from './customer-support-state';
export { quoteCoTermRenewal } from './co-term-quote';
export type { CoTermInput, CoTermLicenseInput, CoTermLicenseQuote, CoTermQuote, CoTermTarget } from './co-term-quote';
