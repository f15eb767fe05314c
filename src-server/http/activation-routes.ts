import { type FastifyPluginAsync } from 'fastify';
import { findEdition, findProduct } from '../../src-shared/catalog';
import {
  ActivationRequestSchema,
  type LicenseResponse,
  LicenseResponseSchema,
  type PlacedRenewal,
  RegistrationRequestSchema,
  RegistrationResponseSchema,
  TrialRequestSchema,
  ValidationRequestSchema,
} from '../../src-shared/contracts/http';
import { EDITIONS, jstDateOf, trialTerm } from '../../src-shared/licensing';
import { DomainError } from '../domain/domain-error';
import { supportFor } from '../licenses/customer-support';
import { licenseAndRenewalForDevice, licenseForDevice } from '../licenses/device-check';
import { hashInstallKey } from '../licenses/license-issuer';
import { type LicenseRow, type UnsettledRenewal } from '../licenses/license-repository';
import { signLicenseAsync } from '../licenses/license-signer';
import { startTrial } from '../licenses/trial-service';
import { extendAutoRenewing } from '../renewals/auto-renewal';
import { type RouteOptions } from './route-options';
import { type ZodTypeProvider } from './zod-schemas';

/**
 * The license's latest renewal that is not settled — pending, lapsed unpaid (and not since superseded by a paid
 * order), or with support — so the app can say so (seed 000); null when there is none. A pending order past its due
 * date is reported lapsed as of today without a write on this read path (see licenseAndRenewalForDevice).
 */
function placedRenewal(order: UnsettledRenewal | null): PlacedRenewal | null {
  if (!order || order.state === 'paid' || order.state === 'declined') return null;
  return { orderId: order.id, state: order.state, method: order.method, dueOn: order.dueOn };
}

/** Activation, validation, trial and user registration: what a device asks about its own license. */
export const activationRoutes: FastifyPluginAsync<RouteOptions> = async (plugin, { ctx, limited }) => {
  const app = plugin.withTypeProvider<ZodTypeProvider>();
  const answer = async (license: LicenseRow, device: string): Promise<LicenseResponse> => {
    const now = ctx.clock();
    const support = await supportFor(ctx, license);
    return {
      license: await signLicenseAsync(ctx.key, license, device, now, ctx.config.leaseDays, support),
      serverTime: now.toISOString(),
    };
  };

  /** Binds a license to the calling device, moving it from any other device (SPEC §4), and returns it signed. */
  app.post(
    '/v1/activations',
    { ...limited, schema: { body: ActivationRequestSchema, response: { 200: LicenseResponseSchema } } },
    async (request) => {
      const body = request.body;
      const license = await licenseForDevice(ctx, { licenseNumber: body.licenseNumber, product: body.product });
      await ctx.licenses.bindDevice(license.id, body.device, body.appVersion, ctx.clock().toISOString());
      return answer({ ...license, device: body.device }, body.device);
    },
  );

  /** The background check: a fresh lease, an extension for auto-renewing licenses, or a typed refusal. */
  app.post(
    '/v1/validations',
    { ...limited, schema: { body: ValidationRequestSchema, response: { 200: LicenseResponseSchema } } },
    async (request) => {
      const body = request.body;
      const question = { licenseNumber: body.licenseNumber, product: body.product, device: body.device };
      const today = jstDateOf(ctx.clock().toISOString());
      const found = await licenseAndRenewalForDevice(ctx, question, today);
      const renewed = await extendAutoRenewing(ctx, found.license, request.log);
      // An automatic renewal just placed (once a term) may have superseded a lapsed order: read the renewal again.
      const { renewal } = renewed === found.license ? found : await licenseAndRenewalForDevice(ctx, question, today);
      return { ...(await answer(renewed, body.device)), renewal: placedRenewal(renewal) };
    },
  );

  /** One trial per device and product, counted from the moment the terms were accepted (seed 001). */
  app.post(
    '/v1/trials',
    { ...limited, schema: { body: TrialRequestSchema, response: { 201: LicenseResponseSchema } } },
    async (request, reply) => {
      const body = request.body;
      const product = findProduct(ctx.catalog, body.product);
      const edition = EDITIONS.find((e) => product.editions[e]?.policy.trialDays);
      const trialDays = edition ? findEdition(product, edition).policy.trialDays : null;
      if (!edition || !trialDays) throw new DomainError('trial-not-offered', 'this product has no trial');
      const acceptedAt = ctx.clock().toISOString();
      const license = await startTrial(ctx, {
        product: product.code,
        edition,
        device: body.device,
        acceptedAt,
        term: trialTerm(acceptedAt, trialDays),
      });
      void reply.status(201);
      return answer(license, body.device);
    },
  );

  /** User registration with the booklet's 製品登録番号 and インストールキー (seed 000); needed to renew a package. */
  app.post(
    '/v1/registrations',
    { ...limited, schema: { body: RegistrationRequestSchema, response: { 201: RegistrationResponseSchema } } },
    async (request, reply) => {
      const body = request.body;
      const license = await ctx.licenses.findByRegistrationNumber(body.registrationNumber);
      if (!license || license.product !== body.product || license.installKeyHash !== hashInstallKey(body.installKey)) {
        throw new DomainError('registration-invalid', 'registration number and install key do not match');
      }
      await ctx.licenses.register(license.id, body.name, body.email, ctx.clock().toISOString());
      void reply.status(201);
      return { registered: true as const, licenseNumber: license.number };
    },
  );
};
