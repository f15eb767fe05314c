import crypto from 'node:crypto';
import { type FastifyPluginAsync, type FastifyReply, type FastifyRequest } from 'fastify';
import { findProduct, renewalChoices, supportContactFor } from '../../src-shared/catalog';
import { RenewalPageOrderFormSchema } from '../../src-shared/contracts/http';
import { parseLicenseNumber } from '../../src-shared/contracts/license-number';
import { type Locale } from '../../src-shared/messages';
import { type LicenseRow } from '../licenses/license-repository';
import { notifyOrderPlaced } from '../renewals/order-notifications';
import { orderView, placeOrder } from '../renewals/order-service';
import { createQuote } from '../renewals/quote-service';
import { formatDateText, html, translator } from '../web/html';
import { errorBlock, orderResult, page, quoteForm, supportBlock } from '../web/renewal-page';
import { DomainError } from '../domain/domain-error';
import { asDomainError } from '../domain/rules-errors';
import { statusFor } from './error-status';
import { type RouteOptions } from './route-options';

const PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

const localeOf = (query: unknown): Locale => ((query as { lang?: string }).lang === 'en' ? 'en' : 'ja');

/** The download edition's renewal web page (server-rendered, no scripts) and the form it posts. */
export const renewalPageRoutes: FastifyPluginAsync<RouteOptions> = async (app, { ctx, limited }) => {
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
    const domain = asDomainError(error);
    if (!domain) request.log.error({ err: error }, 'renewal page failed');
    const code = domain ? domain.code : 'internal';
    const status = domain ? statusFor(domain.code) : 500;
    const contact = license ? supportContactFor(ctx.catalog, license.product, license.edition) : ctx.catalog.supportContacts[0];
    const opensOn = domain?.details?.opensOn;
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
      if (!number.ok) throw new DomainError(number.code, 'not a license number');
      license = ctx.licenses.findByNumber(number.value);
      if (!license || (productFromPath && license.product !== productFromPath)) {
        license = null;
        throw new DomainError('unknown-license', 'no such license');
      }
      if (license.state === 'revoked' || license.state === 'cancelled') throw new DomainError(license.state, license.state);
      const product = findProduct(ctx.catalog, license.product);
      const choices = renewalChoices(product, license.edition);
      if (choices.defaultMonths === null) throw new DomainError('repurchase-required', 'not renewable');
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

  app.get('/renew', limited, (request, reply) => showQuote(request, reply, null));
  app.get<{ Params: { product: string } }>('/renew/:product', limited, (request, reply) =>
    showQuote(request, reply, request.params.product),
  );

  /** The form posts here; its hidden Idempotency-Key makes a double click or a reload pay once. */
  app.post('/renew/order', limited, async (request, reply) => {
    const locale = localeOf(request.query);
    const t = translator(locale);
    const form = RenewalPageOrderFormSchema.safeParse(request.body);
    if (!form.success) return send(reply, 400, page(locale, t('renewalPage.title'), errorBlock(t('errors.invalid-request'))));
    const number = parseLicenseNumber(form.data.license);
    const license = number.ok ? ctx.licenses.findByNumber(number.value) : null;
    try {
      if (!license) throw new DomainError('unknown-license', 'no such license');
      if (license.state === 'revoked' || license.state === 'cancelled') throw new DomainError(license.state, license.state);
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
      if (outcome.kind === 'declined') throw new DomainError('payment-declined', 'the card was declined (sandbox)');
      if (outcome.fresh) notifyOrderPlaced(ctx, license, outcome.order, request.log);
      const support = supportContactFor(ctx.catalog, license.product, license.edition);
      return send(reply, 201, page(locale, t('renewalPage.title'), orderResult(locale, orderView(outcome.order), support)));
    } catch (error) {
      const out = failure(request, locale, error, license);
      return send(reply, out.status, out.body);
    }
  });
};
