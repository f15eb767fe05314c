import crypto from 'node:crypto';
import { licenseNumberFromDigits, LICENSE_BODY_LENGTH } from '../../src-shared/contracts/license-number';

export function newLicenseNumber(): string {
  const digits = Array.from({ length: LICENSE_BODY_LENGTH }, () => crypto.randomInt(32));
  return licenseNumberFromDigits(digits);
}
