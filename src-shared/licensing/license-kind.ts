export const LICENSE_KINDS = ['perpetual', 'subscription', 'annual'] as const;
export type LicenseKind = (typeof LICENSE_KINDS)[number];

export const EDITIONS = ['package', 'download'] as const;
export type Edition = (typeof EDITIONS)[number];

/** Only a perpetual license keeps working after its service term (SPEC §5). */
export function startsAfterExpiry(kind: LicenseKind): boolean {
  return kind === 'perpetual';
}

/** Annual licenses are never renewed or resumed, only bought again (seed 003). */
export function isRenewable(kind: LicenseKind): boolean {
  return kind !== 'annual';
}
