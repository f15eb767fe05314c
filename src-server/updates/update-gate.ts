import crypto from 'node:crypto';
import { LicensePayloadSchema, type SignedSupport } from '../../src-shared/contracts/signed-license';
import { type CalendarDate, compareDates, jstDateOf } from '../../src-shared/licensing';
import { type Clock } from '../clock';
import { DomainError } from '../domain/domain-error';
import { type SigningKey } from '../keys/signing-key';
import { type LicenseRepository, type UpdateCoverage } from '../licenses/license-repository';
import { decodeLicenseToken, LICENSE_TOKEN_HEADER } from './license-token';

/** Who asked, the last JST date their updates are covered to, and today (JST) by the service's clock. */
export type UpdateGrant = { licenseId: string; coverageEnd: CalendarDate; today: CalendarDate };

/**
 * Decides whether a request may download from the update feed. The token only proves which license and device
 * the service once signed for; what counts is the license's row now, so a revocation, cancellation or move
 * takes effect on the very next download, lease or not.
 */
export class UpdateGate {
  private readonly publicKey: crypto.KeyObject;
  private readonly coverage: (licenseId: string) => Promise<UpdateCoverage | null>;

  /**
   * `supportOf` (seed 003): the license's support state among its customer's licenses now, as a validation would
   * sign it; undefined for a single license. Without it the gate decides by the license's own term only.
   */
  constructor(
    licenses: Pick<LicenseRepository, 'updateCoverage'>,
    key: SigningKey,
    private readonly clock: Clock,
    private readonly supportOf: (licenseId: string) => Promise<SignedSupport | undefined> = () => Promise.resolve(undefined),
  ) {
    this.publicKey = crypto.createPublicKey(key.privateKey);
    this.coverage = (licenseId) => licenses.updateCoverage(licenseId);
  }

  async authorize(header: string | string[] | undefined): Promise<UpdateGrant> {
    if (header === undefined || header === '') {
      throw new DomainError('update-token-required', `updates need the ${LICENSE_TOKEN_HEADER} header with the signed license`);
    }
    const token = typeof header === 'string' ? decodeLicenseToken(header) : null;
    if (!token) throw new DomainError('update-token-invalid', 'the license token is not well formed');
    const genuine = crypto.verify(
      null,
      Buffer.from(token.payload, 'utf8'),
      this.publicKey,
      Buffer.from(token.signature, 'base64'),
    );
    if (!genuine) throw new DomainError('update-token-invalid', 'the license token was not signed by this service');
    const payload = parseJson(token.payload);
    const parsed = LicensePayloadSchema.safeParse(payload);
    if (!parsed.success) throw new DomainError('update-token-invalid', 'the license token does not hold a license');
    const { licenseId, device } = parsed.data;

    const row = await this.coverage(licenseId);
    if (!row) throw new DomainError('unknown-license', 'no such license');
    if (row.state === 'revoked' || row.state === 'cancelled') throw new DomainError(row.state, `the license is ${row.state}`);
    if (row.state === 'moved' || row.device !== device)
      throw new DomainError('moved', 'the license is now used on another device');
    const pending = row.pendingEnd !== null && compareDates(row.pendingEnd, row.termEnd) > 0;
    const coverageEnd = pending ? row.pendingEnd! : row.termEnd;
    await this.assertSupportNotHeld(licenseId, pending);
    return { licenseId, coverageEnd, today: jstDateOf(this.clock().toISOString()) };
  }

  /**
   * Seed 003: a suspended license's support (「一時停止状態」) delivers nothing, whatever its own term says and even
   * with a renewal of this license placed (renewing it does not lift a suspension another license caused). A license
   * left behind by a partial renewal (ended-stopped) gets nothing either, unless its own resumption has been placed
   * (a placed renewal opens updates once, SPEC §6).
   */
  private async assertSupportNotHeld(licenseId: string, pending: boolean): Promise<void> {
    const support = await this.supportOf(licenseId);
    if (support?.state === 'suspended') {
      throw new DomainError(
        'support-suspended',
        `support is suspended from ${support.cause.suspendedFrom}: license …${support.cause.licenseNumberLast} (${support.cause.product}) ended on ${support.cause.endedOn} and was not renewed; renew it, or renew the licenses together`,
      );
    }
    if (support?.state === 'ended-stopped' && !pending) {
      throw new DomainError(
        'update-not-covered',
        `only some licenses were renewed (…${support.cause.licenseNumberLast} on ${support.cause.renewedOn}) and this one was not: resume its support to receive updates`,
      );
    }
  }

  /**
   * Nothing is delivered once the covered term has ended — installers of past versions included (SPEC §8, seed 003
   * 「インストーラの再ダウンロードはできません。(過去のバージョンも含む)」) — and within it, nothing released after its
   * end. Dates are compared in JST; the term's last day is still covered.
   */
  assertCovers(grant: UpdateGrant, releaseDay: CalendarDate): void {
    if (compareDates(grant.today, grant.coverageEnd) > 0) {
      throw new DomainError(
        'update-not-covered',
        `the license's service term ended on ${grant.coverageEnd}: installers and updates, past versions included, are no longer delivered; renew to receive them`,
      );
    }
    if (compareDates(releaseDay, grant.coverageEnd) > 0) {
      throw new DomainError(
        'update-not-covered',
        `this release (${releaseDay}) is after the end of the license's service term (${grant.coverageEnd}); renew to receive it`,
      );
    }
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
