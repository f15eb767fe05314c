import { type ServiceContext } from '../service-context';

/** What every route plugin is registered with: the service and the per-address rate limit of its routes. */
export type RouteOptions = { ctx: ServiceContext; limited: { config: { rateLimit: { max: number; timeWindow: number } } } };
