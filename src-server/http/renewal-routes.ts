import { type FastifyInstance } from 'fastify';
import {
  OrderRequestSchema,
  OrderStatusQuerySchema,
  QuoteRequestSchema,
  type QuoteResponse,
} from '../../src-shared/contracts/http';
import { licenseForDevice } from '../licenses/device-check';
import { lapseOverdueOrders } from '../renewals/lapse';
import { notifyOrderPlaced } from '../renewals/order-notifications';
import { orderView, placeOrder } from '../renewals/order-service';
import { createQuote } from '../renewals/quote-service';
import { type ServiceContext } from '../service-context';
import { HttpError, parseBody } from './http-error';

export function renewalRoutes(app: FastifyInstance, ctx: ServiceContext): void {
  /** A renewal quote for the device's license: lengths and options as the policy allows (SPEC §6, §7). */
  app.post('/v1/quotes', async (request, reply): Promise<QuoteResponse> => {
    const body = parseBody(QuoteRequestSchema, request.body);
    const license = licenseForDevice(ctx, body);
    const quote = createQuote(ctx, license, body.months, body.options);
    void reply.status(201);
    return { quote, serverTime: ctx.clock().toISOString() };
  });

  /** Orders are idempotent by the Idempotency-Key header: a retry gets the first answer, never a second charge. */
  app.post('/v1/orders', async (request, reply) => {
    const body = parseBody(OrderRequestSchema, request.body);
    const key = request.headers['idempotency-key'];
    if (typeof key !== 'string') throw new HttpError(400, 'idempotency-key-required', 'send an Idempotency-Key header');
    const license = licenseForDevice(ctx, body);
    const outcome = placeOrder(ctx, {
      license,
      device: body.device,
      idempotencyKey: key,
      request: { ...body, card: undefined },
      quoteId: body.quoteId,
      method: body.method,
      ...(body.card ? { card: body.card } : {}),
    });
    if (outcome.fresh && outcome.order) notifyOrderPlaced(ctx, license, outcome.order, request.log);
    return reply.status(outcome.status).send(outcome.body);
  });

  /** The app polls its order (e.g. a bank transfer awaiting confirmation); only the license holder's device may. */
  app.get<{ Params: { id: string } }>('/v1/orders/:id', async (request) => {
    const query = parseBody(OrderStatusQuerySchema, request.query);
    const license = licenseForDevice(ctx, query);
    lapseOverdueOrders(ctx);
    const order = ctx.orders.findById(request.params.id);
    if (!order || order.licenseId !== license.id) throw new HttpError(404, 'order-not-found', 'no such order for this license');
    return { order: orderView(order), serverTime: ctx.clock().toISOString() };
  });
}
