import crypto from 'node:crypto';
import { machineIdSync } from 'node-machine-id';

/**
 * The device authentication number (端末認証番号): the machine id hashed with the product's salt. The raw machine
 * id never leaves this function: it is not sent, stored or logged.
 */
export function deviceNumberFrom(machineId: string, salt: string): string {
  return crypto.createHash('sha256').update(`${salt}\u0000${machineId}`).digest('hex');
}

export function readDeviceNumber(salt: string): string {
  return deviceNumberFrom(machineIdSync(true), salt);
}

/** What the screens show: short enough to read out on the phone to support, not enough to identify the device. */
export function shortDeviceNumber(deviceNumber: string): string {
  return deviceNumber.slice(0, 12).toUpperCase().match(/.{4}/g)!.join('-');
}
