import crypto from 'node:crypto';
import { LicensePayloadSchema } from '../../src-shared/contracts/signed-license';
import { type CalendarDate, compareDates } from '../../src-shared/licensing';
import { HttpError } from '../http/http-error';
import { type SigningKey } from '../keys/signing-key';
import { type ServerDatabase } from '../store/database';
import { decodeLicenseToken, LICENSE_TOKEN_HEADER } from './license-token';

/** Who asked, and the last JST date their updates are covered to. */
export type UpdateGrant = { licenseId: string; coverageEnd: CalendarDate };

type CoverageRow = {
  state: 'active' | 'moved' | 'revoked' | 'cancelled';
  device: string | null;
  termEnd: string;
  pendingEnd: string | null;
};

/**
 * Decides whether a request may download from the update feed. The token only proves which license and device
 * the service once signed for; what counts is the license's row now, so a revocation, cancellation or move
 * takes effect on the very next download, lease or not.
 */
export class UpdateGate {
  private readonly publicKey: crypto.KeyObject;
  private readonly coverage;

  constructor(db: ServerDatabase, key: SigningKey) {
    this.publicKey = crypto.createPublicKey(key.privateKey);
    // SPEC §6: a renewal placed but not yet paid may already download updates, so a pending order's term counts.
    // Paid orders are already in licenses.term_end; declined, lapsed and needs-support orders extend nothing.
    this.coverage = db.prepare<[string], CoverageRow>(
      `SELECT l.state, l.device, l.term_end AS termEnd,
              (SELECT MAX(o.term_end) FROM orders o WHERE o.license_id = l.id AND o.state = 'pending') AS pendingEnd
         FROM licenses l WHERE l.id = ?`,
    );
  }

  authorize(header: string | string[] | undefined): UpdateGrant {
    if (header === undefined || header === '') {
      throw new HttpError(
        401,
        'update-token-required',
        `updates need the ${LICENSE_TOKEN_HEADER} header with the signed license`,
      );
    }
    const token = typeof header === 'string' ? decodeLicenseToken(header) : null;
    if (!token) throw new HttpError(401, 'update-token-invalid', 'the license token is not well formed');
    const genuine = crypto.verify(
      null,
      Buffer.from(token.payload, 'utf8'),
      this.publicKey,
      Buffer.from(token.signature, 'base64'),
    );
    if (!genuine) throw new HttpError(401, 'update-token-invalid', 'the license token was not signed by this service');
    const payload = parseJson(token.payload);
    const parsed = LicensePayloadSchema.safeParse(payload);
    if (!parsed.success) throw new HttpError(401, 'update-token-invalid', 'the license token does not hold a license');
    const { licenseId, device } = parsed.data;

    const row = this.coverage.get(licenseId);
    if (!row) throw new HttpError(403, 'unknown-license', 'no such license');
    if (row.state === 'revoked' || row.state === 'cancelled') throw new HttpError(403, row.state, `the license is ${row.state}`);
    if (row.state === 'moved' || row.device !== device)
      throw new HttpError(403, 'moved', 'the license is now used on another device');
    const coverageEnd = row.pendingEnd !== null && compareDates(row.pendingEnd, row.termEnd) > 0 ? row.pendingEnd : row.termEnd;
    return { licenseId, coverageEnd };
  }

  /** Updates released after the covered term are not delivered (SPEC §8); the date is compared in JST. */
  assertCovers(grant: UpdateGrant, releaseDay: CalendarDate): void {
    if (compareDates(releaseDay, grant.coverageEnd) > 0) {
      throw new HttpError(
        403,
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
