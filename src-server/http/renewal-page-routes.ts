import crypto from 'node:crypto';
import { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { z } from 'zod';
import { findProduct, renewalChoices, supportContactFor } from '../../src-shared/catalog';
import { parseLicenseNumber } from '../../src-shared/contracts/license-number';
import { type Locale } from '../../src-shared/messages';
import { type LicenseRow } from '../licenses/license-repository';
import { notifyOrderPlaced } from '../renewals/order-notifications';
import { orderView, placeOrder } from '../renewals/order-service';
import { createQuote } from '../renewals/quote-service';
import { type ServiceContext } from '../service-context';
import { formatDateText, html, translator } from '../web/html';
import { errorBlock, orderResult, page, quoteForm, supportBlock } from '../web/renewal-page';
import { HttpError } from './http-error';

const PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

const OrderForm = z.object({
  license: z.string().min(1).max(64),
  quoteId: z.string().min(1).max(64),
  idempotencyKey: z.string().min(8).max(128),
  method: z.enum(['card', 'bank-transfer', 'account-transfer']),
  cardNumber: z.string().max(32).optional(),
  cardExpiry: z.string().max(8).optional(),
});

const localeOf = (query: unknown): Locale => ((query as { lang?: string }).lang === 'en' ? 'en' : 'ja');

export function renewalPageRoutes(app: FastifyInstance, ctx: ServiceContext): void {
  const send = (reply: FastifyReply, status: number, body: string) =>
    reply
      .status(status)
      .header('content-type', 'text/html; charset=utf-8')
      .header('content-security-policy', PAGE_CSP)
      .header('cache-control', 'no-store')
      .send(body);

  /** A refusal in words the customer understands, with the support contact beside it (SPEC §6). */
  const failure = (request: FastifyRequest, locale: Locale, error: unknown, license: LicenseRow | null) => {
    const t = translator(locale);
    if (!(error instanceof HttpError)) request.log.error({ err: error }, 'renewal page failed');
    const code = error instanceof HttpError ? error.code : 'internal';
    const status = error instanceof HttpError ? error.status : 500;
    const contact = license ? supportContactFor(ctx.catalog, license.product, license.edition) : ctx.catalog.supportContacts[0];
    const opensOn = error instanceof HttpError ? error.details?.opensOn : undefined;
    const message =
      t(`errors.${code}`) +
      (typeof opensOn === 'string' ? t('renewalPage.opensOn', { date: formatDateText(opensOn, locale) }) : '');
    return {
      status,
      body: page(locale, t('renewalPage.title'), html`${errorBlock(message)}${contact ? supportBlock(locale, contact) : ''}`),
    };
  };

  const showQuote = async (request: FastifyRequest, reply: FastifyReply, productFromPath: string | null) => {
    const locale = localeOf(request.query);
    const t = translator(locale);
    const raw = (request.query as { license?: unknown }).license;
    const number = typeof raw === 'string' ? parseLicenseNumber(raw) : null;
    if (!number) return send(reply, 400, page(locale, t('renewalPage.title'), errorBlock(t('renewalPage.missingLicense'))));
    let license: LicenseRow | null = null;
    try {
      if (!number.ok) throw new HttpError(400, number.code, 'not a license number');
      license = ctx.licenses.findByNumber(number.value);
      if (!license || (productFromPath && license.product !== productFromPath)) {
        license = null;
        throw new HttpError(404, 'unknown-license', 'no such license');
      }
      if (license.state === 'revoked' || license.state === 'cancelled') throw new HttpError(403, license.state, license.state);
      const product = findProduct(ctx.catalog, license.product);
      const choices = renewalChoices(product, license.edition);
      if (choices.defaultMonths === null) throw new HttpError(409, 'repurchase-required', 'not renewable');
      const quote = createQuote(ctx, license, choices.defaultMonths, choices.defaultOptions);
      const body = quoteForm({
        locale,
        quote,
        licenseNumber: license.number,
        currentEnd: license.termEnd,
        productName: `${product.name} ${product.editions[license.edition]!.label}`,
        idempotencyKey: crypto.randomUUID(),
        support: supportContactFor(ctx.catalog, license.product, license.edition),
      });
      return send(reply, 200, page(locale, t('renewalPage.title'), body));
    } catch (error) {
      const out = failure(request, locale, error, license);
      return send(reply, out.status, out.body);
    }
  };

  app.get('/renew', (request, reply) => showQuote(request, reply, null));
  app.get<{ Params: { product: string } }>('/renew/:product', (request, reply) =>
    showQuote(request, reply, request.params.product),
  );

  /** The form posts here; its hidden Idempotency-Key makes a double click or a reload pay once. */
  app.post('/renew/order', async (request, reply) => {
    const locale = localeOf(request.query);
    const t = translator(locale);
    const form = OrderForm.safeParse(request.body);
    if (!form.success) return send(reply, 400, page(locale, t('renewalPage.title'), errorBlock(t('errors.invalid-request'))));
    const number = parseLicenseNumber(form.data.license);
    const license = number.ok ? ctx.licenses.findByNumber(number.value) : null;
    try {
      if (!license) throw new HttpError(404, 'unknown-license', 'no such license');
      if (license.state === 'revoked' || license.state === 'cancelled') throw new HttpError(403, license.state, license.state);
      const card =
        form.data.method === 'card' ? { number: form.data.cardNumber ?? '', expiry: form.data.cardExpiry ?? '' } : undefined;
      const outcome = placeOrder(ctx, {
        license,
        device: null,
        idempotencyKey: form.data.idempotencyKey,
        request: { ...form.data, cardNumber: undefined, cardExpiry: undefined },
        quoteId: form.data.quoteId,
        method: form.data.method,
        ...(card ? { card } : {}),
      });
      if (!outcome.order || outcome.status >= 400) {
        const code = (outcome.body as { error?: { code?: string } }).error?.code ?? 'internal';
        throw new HttpError(outcome.status, code as never, code);
      }
      if (outcome.fresh) notifyOrderPlaced(ctx, license, outcome.order, request.log);
      const support = supportContactFor(ctx.catalog, license.product, license.edition);
      return send(reply, 201, page(locale, t('renewalPage.title'), orderResult(locale, orderView(outcome.order), support)));
    } catch (error) {
      const out = failure(request, locale, error, license);
      return send(reply, out.status, out.body);
    }
  });
}
