import { type FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import {
  OrderRequestSchema,
  OrderResponseSchema,
  OrderStatusQuerySchema,
  OrderStatusResponseSchema,
  QuoteRequestSchema,
  QuoteResponseSchema,
} from '../../src-shared/contracts/http';
import { DomainError } from '../domain/domain-error';
import { licenseForDevice } from '../licenses/device-check';
import { lapseOverdueOrders } from '../renewals/lapse';
import { notifyOrderPlaced } from '../renewals/order-notifications';
import { orderView, placeOrder } from '../renewals/order-service';
import { createCoTermQuote } from '../renewals/co-term-quote-service';
import { createQuote } from '../renewals/quote-service';
import { type RouteOptions } from './route-options';
import { type ZodTypeProvider } from './zod-schemas';

const OrderIdParamsSchema = z.object({ id: z.string().min(1).max(128) });

/** Quotes, orders and order status for the app's renewal wizard (SPEC §6, §7). */
export const renewalRoutes: FastifyPluginAsync<RouteOptions> = async (plugin, { ctx, limited }) => {
  const app = plugin.withTypeProvider<ZodTypeProvider>();

  /** A renewal quote for the device's license: lengths and options as the policy allows. */
  app.post(
    '/v1/quotes',
    { ...limited, schema: { body: QuoteRequestSchema, response: { 201: QuoteResponseSchema } } },
    async (request, reply) => {
      const body = request.body;
      const license = await licenseForDevice(ctx, body);
      // `together` (issue 11): the customer's licenses of this line renewed to one end, each with its own options.
      const quote = body.together
        ? await createCoTermQuote(ctx, license, body.together, body.months)
        : await createQuote(ctx, license, body.months, body.options);
      void reply.status(201);
      return { quote, serverTime: ctx.clock().toISOString() };
    },
  );

  /** Orders are idempotent by the Idempotency-Key header: a retry gets the first answer, never a second charge. */
  app.post(
    '/v1/orders',
    { ...limited, schema: { body: OrderRequestSchema, response: { 201: OrderResponseSchema } } },
    async (request, reply) => {
      const body = request.body;
      const key = request.headers['idempotency-key'];
      if (typeof key !== 'string') throw new DomainError('idempotency-key-required', 'send an Idempotency-Key header');
      const license = await licenseForDevice(ctx, body);
      const outcome = await placeOrder(ctx, {
        license,
        device: body.device,
        idempotencyKey: key,
        request: { ...body, card: undefined },
        quoteId: body.quoteId,
        method: body.method,
        ...(body.card ? { card: body.card } : {}),
      });
      if (outcome.kind === 'declined') throw new DomainError('payment-declined', 'the card was declined (sandbox)');
      if (outcome.fresh) await notifyOrderPlaced(ctx, license, outcome.order, request.log);
      void reply.status(201);
      // The order as it stands after the mail (instructionsMailed), the rest as first answered.
      return { ...outcome.answer, order: orderView((await ctx.orders.findById(outcome.order.id)) ?? outcome.order) };
    },
  );

  /** The app polls its order (e.g. a bank transfer awaiting confirmation); only the license holder's device may. */
  app.get(
    '/v1/orders/:id',
    {
      ...limited,
      schema: { params: OrderIdParamsSchema, querystring: OrderStatusQuerySchema, response: { 200: OrderStatusResponseSchema } },
    },
    async (request) => {
      const license = await licenseForDevice(ctx, request.query);
      await lapseOverdueOrders(ctx);
      const order = await ctx.orders.findById(request.params.id);
      if (!order || order.licenseId !== license.id) throw new DomainError('order-not-found', 'no such order for this license');
      return { order: orderView(order), serverTime: ctx.clock().toISOString() };
    },
  );
};
