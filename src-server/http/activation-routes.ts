import { type FastifyInstance } from 'fastify';
import {
  ActivationRequestSchema,
  type LicenseResponse,
  RegistrationRequestSchema,
  TrialRequestSchema,
  ValidationRequestSchema,
} from '../../src-shared/contracts/http';
import { findEdition, findProduct } from '../../src-shared/catalog';
import { EDITIONS, trialTerm } from '../../src-shared/licensing';
import { licenseForDevice } from '../licenses/device-check';
import { hashInstallKey, issueLicense } from '../licenses/license-issuer';
import { signLicenseAsync } from '../licenses/license-signer';
import { type LicenseRow } from '../licenses/license-repository';
import { extendAutoRenewing } from '../renewals/auto-renewal';
import { type ServiceContext } from '../service-context';
import { HttpError, parseBody } from './http-error';
import { toHttpError } from './licensing-errors';

export function activationRoutes(app: FastifyInstance, ctx: ServiceContext, limited: { config: object }): void {
  const answer = async (license: LicenseRow, device: string): Promise<LicenseResponse> => {
    const now = ctx.clock();
    return {
      license: await signLicenseAsync(ctx.key, license, device, now, ctx.config.leaseDays),
      serverTime: now.toISOString(),
    };
  };

  /** Binds a license to the calling device, moving it from any other device (SPEC §4), and returns it signed. */
  app.post('/v1/activations', limited, async (request): Promise<LicenseResponse> => {
    const body = parseBody(ActivationRequestSchema, request.body);
    const license = licenseForDevice(ctx, { licenseNumber: body.licenseNumber, product: body.product });
    ctx.licenses.bindDevice(license.id, body.device, body.appVersion, ctx.clock().toISOString());
    return answer({ ...license, device: body.device }, body.device);
  });

  /** The background check: a fresh lease, an extension for auto-renewing licenses, or a typed refusal. */
  app.post('/v1/validations', limited, async (request): Promise<LicenseResponse> => {
    const body = parseBody(ValidationRequestSchema, request.body);
    const license = licenseForDevice(ctx, { licenseNumber: body.licenseNumber, product: body.product, device: body.device });
    return answer(extendAutoRenewing(ctx, license, request.log), body.device);
  });

  /** One trial per device and product, counted from the moment the terms were accepted (seed 001). */
  app.post('/v1/trials', limited, async (request, reply): Promise<LicenseResponse> => {
    const body = parseBody(TrialRequestSchema, request.body);
    let product;
    try {
      product = findProduct(ctx.catalog, body.product);
    } catch (error) {
      toHttpError(error);
    }
    const edition = EDITIONS.find((e) => product.editions[e]?.policy.trialDays);
    const trialDays = edition ? findEdition(product, edition).policy.trialDays : null;
    if (!edition || !trialDays) throw new HttpError(409, 'trial-not-offered', 'this product has no trial');
    const acceptedAt = ctx.clock().toISOString();
    const term = trialTerm(acceptedAt, trialDays);
    const issued = ctx.db.transaction(() => {
      const used = ctx.db.prepare('SELECT 1 FROM trials WHERE device = ? AND product = ?').get(body.device, product.code);
      if (used) throw new HttpError(409, 'trial-already-used', 'this device has already had its trial');
      const { license } = issueLicense(ctx, {
        product: product.code,
        edition,
        start: term.start,
        end: term.end,
        trial: true,
        device: body.device,
      });
      ctx.db
        .prepare('INSERT INTO trials (device, product, license_id, accepted_at) VALUES (?, ?, ?, ?)')
        .run(body.device, product.code, license.id, acceptedAt);
      return license;
    })();
    void reply.status(201);
    return answer(issued, body.device);
  });

  /** User registration with the booklet's 製品登録番号 and インストールキー (seed 000); needed to renew a package. */
  app.post('/v1/registrations', limited, async (request, reply) => {
    const body = parseBody(RegistrationRequestSchema, request.body);
    const license = ctx.licenses.findByRegistrationNumber(body.registrationNumber);
    if (!license || license.product !== body.product || license.installKeyHash !== hashInstallKey(body.installKey)) {
      throw new HttpError(404, 'registration-invalid', 'registration number and install key do not match');
    }
    ctx.licenses.register(license.id, body.name, body.email, ctx.clock().toISOString());
    void reply.status(201);
    return { registered: true as const, licenseNumber: license.number };
  });
}
