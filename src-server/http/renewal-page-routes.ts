import crypto from 'node:crypto';
import { type FastifyPluginAsync, type FastifyReply, type FastifyRequest } from 'fastify';
import { z } from 'zod';
import { findProduct, renewalChoices, supportContactFor, termRulesFor } from '../../src-shared/catalog';
import { RegistrationRequestSchema, RenewalPageOrderFormSchema, type Quote } from '../../src-shared/contracts/http';
import { parseLicenseNumber } from '../../src-shared/contracts/license-number';
import { jstDateOf, renewalWindowOpens, resumptionDeadline } from '../../src-shared/licensing';
import { type Locale } from '../../src-shared/messages';
import { hashInstallKey } from '../licenses/license-issuer';
import { type LicenseRow } from '../licenses/license-repository';
import { lapseOverdueOrders } from '../renewals/lapse';
import { notifyOrderPlaced } from '../renewals/order-notifications';
import { orderView, placeOrder } from '../renewals/order-service';
import { createQuote, findQuote } from '../renewals/quote-service';
import { formatDateText, type Html, html, translator } from '../web/html';
import {
  errorBlock,
  notOpenPage,
  notRenewedHere,
  orderResult,
  page,
  productTitle,
  quoteForm,
  registrationForm,
  repurchasePage,
  type ResumptionInfo,
  startOverLink,
  supportBlock,
} from '../web/renewal-page';
import { DomainError } from '../domain/domain-error';
import { asDomainError } from '../domain/rules-errors';
import { statusFor } from './error-status';
import { type RouteOptions } from './route-options';

const PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

const localeOf = (query: unknown): Locale => ((query as { lang?: string }).lang === 'en' ? 'en' : 'ja');

/** The page's own address for a license, in a language: where every "start again" and redirect goes. */
const quoteUrl = (number: string, locale: Locale, extra = '') =>
  `/renew?license=${encodeURIComponent(number)}&lang=${locale}${extra}`;

/** The registration form as posted; the booklet's numbers are folded (full-width, dashes) before they are checked. */
const RegistrationFormSchema = z.object({
  license: z.string().min(1).max(64),
  registrationNumber: z.string().max(64),
  installKey: z.string().max(64),
  name: z.string().max(200),
  email: z.string().max(254),
});

const DASHES = /[\s\u2010-\u2015\u2212\u30fc\uff0d-]+/g;

/** 製品登録番号 as typed (full-width digits, any dash or none) → 1234-5678-9012 as printed. */
function foldRegistrationNumber(input: string): string {
  const digits = input.normalize('NFKC').replace(DASHES, '');
  return /^\d{12}$/.test(digits) ? `${digits.slice(0, 4)}-${digits.slice(4, 8)}-${digits.slice(8)}` : digits;
}

/** What GET /renew shows for a license: a state of its renewal, not only a quote. */
type PageAnswer = { status: number; body: Html };

/**
 * The renewal web page (SPEC §6) and the forms it posts: the order (its hidden Idempotency-Key makes a double click
 * or a resubmission pay once) and, for a package license, the user registration the renewal needs.
 */
export const renewalPageRoutes: FastifyPluginAsync<RouteOptions> = async (app, { ctx, limited }) => {
  const send = (reply: FastifyReply, status: number, body: string) =>
    reply
      .status(status)
      .header('content-type', 'text/html; charset=utf-8')
      .header('content-security-policy', PAGE_CSP)
      .header('cache-control', 'no-store')
      .send(body);

  /** A refusal in words the customer understands, with the support contact beside it (SPEC §6). */
  const failure = (
    request: FastifyRequest,
    locale: Locale,
    error: unknown,
    license: LicenseRow | null,
    startOver = false,
  ): PageAnswer => {
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
      body: html`${errorBlock(message)}${license && startOver ? startOverLink(locale, quoteUrl(license.number, locale)) : ''}${
        contact ? supportBlock(locale, contact) : ''
      }`,
    };
  };

  const describe = (license: LicenseRow, locale: Locale) => {
    const product = findProduct(ctx.catalog, license.product);
    const edition = product.editions[license.edition]!;
    const optionLabels = Object.fromEntries(product.options.map((o) => [o.code, o.label]));
    return {
      product,
      title: productTitle(locale, product.name, license.edition, edition.label),
      optionLabels,
      support: supportContactFor(ctx.catalog, license.product, license.edition),
      purchaseUrl: product.purchaseUrl ?? null,
      rules: termRulesFor(ctx.catalog, license.product, license.edition),
      choices: renewalChoices(product, license.edition),
    };
  };

  /** Seed 003: a resumption shows until when it may be made (the last business day, at the cut-off hour). */
  const resumptionOf = (license: LicenseRow, quote: Quote | null): ResumptionInfo | null => {
    const { rules } = describe(license, 'ja');
    if ((quote && quote.planKind !== 'resumption') || rules.resumptionYears === null) return null;
    const deadline = resumptionDeadline(rules, license.termEnd);
    return deadline ? { deadlineDate: deadline.date, cutoffHour: rules.cutoffHour } : null;
  };

  const quotePage = (
    license: LicenseRow,
    locale: Locale,
    quote: Quote,
    extra: { method?: string | null; message?: string | null; justRegistered?: boolean } = {},
  ): Html => {
    const d = describe(license, locale);
    return quoteForm({
      locale,
      quote,
      licenseNumber: license.number,
      currentEnd: license.termEnd,
      productTitle: d.title,
      optionLabels: d.optionLabels,
      idempotencyKey: crypto.randomUUID(),
      support: d.support,
      packageEdition: license.edition === 'package',
      resumption: resumptionOf(license, quote),
      ...extra,
    });
  };

  /** The state of a license's renewal, as the page shows it whenever the link is opened. */
  const pageFor = async (license: LicenseRow, locale: Locale, justRegistered: boolean): Promise<PageAnswer> => {
    const d = describe(license, locale);
    if (license.trial || license.kind === 'annual' || d.choices.defaultMonths === null) {
      return {
        status: 200,
        body: notRenewedHere(locale, {
          reason: license.trial ? 'trial' : 'annual',
          productTitle: d.title,
          purchaseUrl: d.purchaseUrl,
          support: d.support,
        }),
      };
    }
    await lapseOverdueOrders(ctx);
    const latest = await ctx.orders.latestFor(license.id);
    if (latest && latest.clearedAt === null) {
      // Opened again while the order waits for its money: the same instructions, never an error or a new order.
      if (latest.state === 'pending')
        return { status: 200, body: orderResult(locale, orderView(latest), d.support, { again: true }) };
      // Opened again after paying: done, until the next renewal window opens (a paid order never shows a pay button).
      const today = jstDateOf(ctx.clock().toISOString());
      if (latest.state === 'paid' && latest.termEnd === license.termEnd && today < renewalWindowOpens(d.rules, license.termEnd))
        return { status: 200, body: orderResult(locale, orderView(latest), d.support, { again: true }) };
    }
    if (license.edition === 'package' && license.registrationNumber !== null && license.registeredAt === null) {
      return {
        status: 200,
        body: registrationForm(locale, { licenseNumber: license.number, productTitle: d.title, support: d.support }),
      };
    }
    let quote: Quote;
    try {
      quote = await createQuote(ctx, license, d.choices.defaultMonths, d.choices.defaultOptions);
    } catch (error) {
      const domain = asDomainError(error);
      const opensOn = domain?.details?.opensOn;
      if (domain?.code === 'renewal-not-open' && typeof opensOn === 'string')
        return { status: 200, body: notOpenPage(locale, { opensOn, currentEnd: license.termEnd, support: d.support }) };
      const deadline = resumptionOf(license, null);
      if (domain?.code === 'repurchase-required' && deadline && domain.details?.deadline) {
        return {
          status: 200,
          body: repurchasePage(locale, {
            productTitle: d.title,
            endedOn: license.termEnd,
            deadline,
            purchaseUrl: d.purchaseUrl,
            support: d.support,
          }),
        };
      }
      throw error;
    }
    return { status: 200, body: quotePage(license, locale, quote, { justRegistered }) };
  };

  /** The same address in the other language (the page's language switch). */
  const otherLanguage = (request: FastifyRequest, locale: Locale): string => {
    const url = new URL(request.url, 'http://page.invalid');
    url.searchParams.set('lang', locale === 'ja' ? 'en' : 'ja');
    url.searchParams.delete('registered');
    return `${url.pathname}${url.search}`;
  };

  const showPage = async (request: FastifyRequest, reply: FastifyReply, productFromPath: string | null) => {
    const locale = localeOf(request.query);
    const t = translator(locale);
    const query = request.query as { license?: unknown; registered?: unknown };
    const number = typeof query.license === 'string' ? parseLicenseNumber(query.license) : null;
    if (!number) return send(reply, 400, page(locale, t('renewalPage.title'), errorBlock(t('renewalPage.missingLicense'))));
    let license: LicenseRow | null = null;
    let answer: PageAnswer;
    try {
      if (!number.ok) throw new DomainError(number.code, 'not a license number');
      license = await ctx.licenses.findByNumber(number.value);
      if (!license || (productFromPath && license.product !== productFromPath)) {
        license = null;
        throw new DomainError('unknown-license', 'no such license');
      }
      if (license.state === 'revoked' || license.state === 'cancelled') throw new DomainError(license.state, license.state);
      answer = await pageFor(license, locale, query.registered === '1');
    } catch (error) {
      answer = failure(request, locale, error, license);
    }
    return send(reply, answer.status, page(locale, t('renewalPage.title'), answer.body, otherLanguage(request, locale)));
  };

  app.get('/renew', limited, (request, reply) => showPage(request, reply, null));
  app.get<{ Params: { product: string } }>('/renew/:product', limited, (request, reply) =>
    showPage(request, reply, request.params.product),
  );

  /** Back to the payment form after a refusal of the card, with the quote and the method kept (never the card). */
  const backToForm = async (
    license: LicenseRow,
    locale: Locale,
    quoteId: string,
    method: string,
    message: string,
  ): Promise<Html> => {
    let quote: Quote;
    try {
      quote = await findQuote(ctx, license, quoteId);
    } catch {
      const d = describe(license, locale);
      quote = await createQuote(ctx, license, d.choices.defaultMonths ?? 12, d.choices.defaultOptions);
    }
    return quotePage(license, locale, quote, { method, message });
  };

  /** The form posts here; its hidden Idempotency-Key makes a double click or a reload pay once. */
  app.post('/renew/order', limited, async (request, reply) => {
    const locale = localeOf(request.query);
    const t = translator(locale);
    const form = RenewalPageOrderFormSchema.safeParse(request.body);
    if (!form.success) return send(reply, 400, page(locale, t('renewalPage.title'), errorBlock(t('errors.invalid-request'))));
    const number = parseLicenseNumber(form.data.license);
    const license = number.ok ? await ctx.licenses.findByNumber(number.value) : null;
    let answer: PageAnswer;
    try {
      if (!license) throw new DomainError('unknown-license', 'no such license');
      if (license.state === 'revoked' || license.state === 'cancelled') throw new DomainError(license.state, license.state);
      const card =
        form.data.method === 'card' ? { number: form.data.cardNumber ?? '', expiry: form.data.cardExpiry ?? '' } : undefined;
      let outcome;
      try {
        outcome = await placeOrder(ctx, {
          license,
          device: null,
          idempotencyKey: form.data.idempotencyKey,
          request: { ...form.data, cardNumber: undefined, cardExpiry: undefined },
          quoteId: form.data.quoteId,
          method: form.data.method,
          ...(card ? { card } : {}),
        });
      } catch (error) {
        if (asDomainError(error)?.code !== 'card-invalid') throw error;
        const body = await backToForm(license, locale, form.data.quoteId, form.data.method, t('errors.card-invalid'));
        return send(reply, 400, page(locale, t('renewalPage.title'), body));
      }
      if (outcome.kind === 'declined') {
        const body = await backToForm(license, locale, form.data.quoteId, form.data.method, t('errors.payment-declined'));
        return send(reply, statusFor('payment-declined'), page(locale, t('renewalPage.title'), body));
      }
      if (outcome.fresh) await notifyOrderPlaced(ctx, license, outcome.order, request.log);
      const order = orderView((await ctx.orders.findById(outcome.order.id)) ?? outcome.order);
      const support = supportContactFor(ctx.catalog, license.product, license.edition);
      answer = { status: 201, body: orderResult(locale, order, support) };
    } catch (error) {
      answer = failure(request, locale, error, license, true);
    }
    return send(reply, answer.status, page(locale, t('renewalPage.title'), answer.body));
  });

  /** The page's user registration (package edition): the booklet's numbers, then the quote. */
  app.post('/renew/register', limited, async (request, reply) => {
    const locale = localeOf(request.query);
    const t = translator(locale);
    const form = RegistrationFormSchema.safeParse(request.body);
    if (!form.success) return send(reply, 400, page(locale, t('renewalPage.title'), errorBlock(t('errors.invalid-request'))));
    const number = parseLicenseNumber(form.data.license);
    const license = number.ok ? await ctx.licenses.findByNumber(number.value) : null;
    let answer: PageAnswer;
    try {
      if (!license || license.edition !== 'package' || license.registrationNumber === null)
        throw new DomainError('unknown-license', 'no such package license');
      if (license.state === 'revoked' || license.state === 'cancelled') throw new DomainError(license.state, license.state);
      if (license.registeredAt === null) {
        const registrationNumber = foldRegistrationNumber(form.data.registrationNumber);
        const again = (message: string, status: number): PageAnswer => ({
          status,
          body: registrationForm(locale, {
            licenseNumber: license.number,
            productTitle: describe(license, locale).title,
            support: supportContactFor(ctx.catalog, license.product, license.edition),
            message,
            name: form.data.name,
            email: form.data.email,
            registrationNumber: form.data.registrationNumber,
          }),
        });
        const checked = RegistrationRequestSchema.safeParse({
          product: license.product,
          registrationNumber,
          installKey: form.data.installKey.normalize('NFKC'),
          name: form.data.name.normalize('NFKC').trim(),
          email: form.data.email.normalize('NFKC').trim(),
        });
        if (!checked.success) {
          answer = again(t('renewalPage.registrationIncomplete'), 400);
          return send(reply, answer.status, page(locale, t('renewalPage.title'), answer.body));
        }
        const found = await ctx.licenses.findByRegistrationNumber(checked.data.registrationNumber);
        if (!found || found.id !== license.id || found.installKeyHash !== hashInstallKey(checked.data.installKey)) {
          answer = again(t('errors.registration-invalid'), statusFor('registration-invalid'));
          return send(reply, answer.status, page(locale, t('renewalPage.title'), answer.body));
        }
        await ctx.licenses.register(license.id, checked.data.name, checked.data.email, ctx.clock().toISOString());
      }
      // Post, then redirect: a reload of the quote never posts the registration again.
      return reply.redirect(quoteUrl(license.number, locale, '&registered=1'), 303);
    } catch (error) {
      answer = failure(request, locale, error, license);
    }
    return send(reply, answer.status, page(locale, t('renewalPage.title'), answer.body));
  });
};
