import { type ValidationRequest } from '../../src-shared/contracts/http';
import { type RenewalLog } from '../renewals/auto-renewal';
import { type ServiceContext } from '../service-context';

/**
 * Answers a validation with its answer's JSON text, already checked against LicenseResponseSchema
 * (validationAnswerJson): in this process, or handed to a validation worker (src-server/validation).
 */
export type Validate = (body: ValidationRequest, log: RenewalLog) => Promise<string>;

/** What every route plugin is registered with: the service, the per-address rate limit of its routes, validations. */
export type RouteOptions = {
  ctx: ServiceContext;
  limited: { config: { rateLimit: { max: number; timeWindow: number } } };
  validate: Validate;
};
