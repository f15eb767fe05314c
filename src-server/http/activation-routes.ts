import { type FastifyInstance } from 'fastify';
import { ActivationRequestSchema, type LicenseResponse } from '../../src-shared/contracts/http';
import { parseLicenseNumber } from '../../src-shared/contracts/license-number';
import { type ServiceContext } from '../service-context';
import { signLicense } from '../licenses/license-signer';
import { HttpError, parseBody } from './http-error';

export function activationRoutes(app: FastifyInstance, ctx: ServiceContext): void {
  /** Binds a license to the calling device (moving it from any other device) and returns it signed. */
  app.post('/v1/activations', async (request): Promise<LicenseResponse> => {
    const body = parseBody(ActivationRequestSchema, request.body);
    const number = parseLicenseNumber(body.licenseNumber);
    if (!number.ok) throw new HttpError(400, number.code, 'not a valid license number');
    const license = ctx.licenses.findByNumber(number.value);
    if (!license) throw new HttpError(404, 'unknown-license', 'no license with this number');
    if (license.product !== body.product) throw new HttpError(409, 'product-mismatch', 'the license is for another product');
    if (license.state === 'revoked' || license.state === 'cancelled') throw new HttpError(403, license.state, `the license is ${license.state}`);
    const now = ctx.clock();
    ctx.licenses.bindDevice(license.id, body.device, body.appVersion, now.toISOString());
    const bound = { ...license, device: body.device };
    return { license: signLicense(ctx.key, bound, body.device, now, ctx.config.leaseDays), serverTime: now.toISOString() };
  });
}
