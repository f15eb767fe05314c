import { type FastifyPluginAsync } from 'fastify';
import { findEdition, findProduct } from '../../src-shared/catalog';
import {
  ActivationRequestSchema,
  LicenseResponseSchema,
  RegistrationRequestSchema,
  RegistrationResponseSchema,
  TrialRequestSchema,
  ValidationRequestSchema,
} from '../../src-shared/contracts/http';
import { EDITIONS, trialTerm } from '../../src-shared/licensing';
import { DomainError } from '../domain/domain-error';
import { licenseForDevice } from '../licenses/device-check';
import { signedAnswer } from '../licenses/license-answer';
import { hashInstallKey } from '../licenses/license-issuer';
import { type LicenseRow } from '../licenses/license-repository';
import { startTrial } from '../licenses/trial-service';
import { type RouteOptions } from './route-options';
import { sendJsonText } from './validation-answer';
import { type ZodTypeProvider } from './zod-schemas';

/** Activation, validation, trial and user registration: what a device asks about its own license. */
export const activationRoutes: FastifyPluginAsync<RouteOptions> = async (plugin, { ctx, limited, validate }) => {
  const app = plugin.withTypeProvider<ZodTypeProvider>();
  const answer = (license: LicenseRow, device: string) => signedAnswer(ctx, license, device);

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
    // In a validation worker when the service runs them (config.validationWorkers), else here: the same code. The
    // answer comes back as JSON text already checked against the 200 schema above (validationAnswerJson).
    async (request, reply) => sendJsonText(reply, await validate(request.body, request.log)),
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
