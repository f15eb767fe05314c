import { type FastifyReply } from 'fastify';
import { LicenseResponseSchema, type ValidationRequest } from '../../src-shared/contracts/http';
import { validateDevice } from '../licenses/validation-service';
import { type Signing } from '../licenses/license-answer';
import { type RenewalLog } from '../renewals/auto-renewal';
import { type ServiceContext } from '../service-context';
import { checkedJson } from './zod-schemas';

/**
 * Sends JSON text made and checked elsewhere (validationAnswerJson) as it is, with the content type of every other
 * answer: Fastify serializes objects only, so the route's declared schema is not applied a second time.
 */
export function sendJsonText(reply: FastifyReply, json: string): FastifyReply {
  return reply.type('application/json; charset=utf-8').send(json);
}

/**
 * A validation's answer as the JSON text the route sends, checked against the shared schema on the thread that made
 * it (a validation worker, or this one). The text crosses back to the HTTP thread as one string, not an object graph
 * to rebuild, check and write out there (docs/decisions.md, "Validation throughput, fourth pass").
 */
export async function validationAnswerJson(
  ctx: ServiceContext,
  body: ValidationRequest,
  log: RenewalLog,
  signing?: Signing,
): Promise<string> {
  return checkedJson(LicenseResponseSchema, await validateDevice(ctx, body, log, signing));
}
