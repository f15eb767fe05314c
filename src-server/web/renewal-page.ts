import { type SupportContact } from '../../src-shared/catalog';
import { type Order, type Quote } from '../../src-shared/contracts/http';
import { maskLicenseNumber } from '../../src-shared/contracts/license-number';
import { type Locale } from '../../src-shared/messages';
import { formatYen } from '../text/format';
import { formatDateText, formatTermText, html, Html, joinList, rangeText, translator, westernPunctuation } from './html';

// The renewal web page (SPEC §6): the download edition's quote with 12 months and all options, payment method,
// pay; and every state a customer may meet when opening the link again (paid, waiting for a transfer, declined,
// not open yet, past the resumption deadline, a package license, a license renewed elsewhere).
// Server-rendered, no scripts, so it works in any browser the product opens and under a strict CSP.

const STYLE = `
body{font-family:'Hiragino Sans','Noto Sans JP','Noto Sans CJK JP','Yu Gothic UI',Meiryo,sans-serif;margin:0;background:#f4f6f9;color:#1d2733;line-height:1.7}
header{background:#0b5cab;color:#fff;padding:14px 24px;display:flex;align-items:center;justify-content:space-between}header h1{margin:0;font-size:19px}
header a{color:#fff;font-size:14px}
main{max-width:680px;margin:24px auto;background:#fff;border:1px solid #d6dde5;border-radius:8px;padding:24px 28px}
h2{font-size:20px;margin:8px 0 12px}
.sandbox{background:#fff8e1;border:1px solid #f1d48a;border-radius:6px;padding:6px 10px;font-size:13px}
table{width:100%;border-collapse:collapse;margin:12px 0}td,th{padding:6px 4px;border-bottom:1px solid #e3e8ee;text-align:left}td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
tr.total td{font-weight:700;border-bottom:2px solid #1d2733}
dl{display:grid;grid-template-columns:max-content 1fr;gap:4px 16px}dt{color:#5b6877}dd{margin:0}
fieldset{border:1px solid #d6dde5;border-radius:6px;margin:16px 0;padding:8px 14px}label{display:block;margin:4px 0}
input[type=text],input[type=email]{font:inherit;padding:6px 8px;border:1px solid #c5ced8;border-radius:5px}
button,a.button{font:inherit;background:#0b5cab;color:#fff;border:0;border-radius:6px;padding:8px 20px;cursor:pointer;text-decoration:none;display:inline-block}
.note{color:#5b6877;font-size:14px}.warn{color:#8a4b00;background:#fff4e5;border-radius:6px;padding:8px 10px}
.info{background:#eef5fc;border:1px solid #c4dbf2;border-radius:6px;padding:10px 12px}
.done{background:#ecf8f0;border:1px solid #b5e0c3;border-radius:6px;padding:10px 12px}
.error{color:#b42318;background:#fdf0ee;border:1px solid #f3c7c1;border-radius:6px;padding:10px 12px}
.support{margin-top:20px;border-top:1px solid #e3e8ee;padding-top:12px;font-size:14px}
.fields{display:grid;grid-template-columns:max-content minmax(0,22em);gap:8px 12px;align-items:center;margin:12px 0}.fields label{margin:0}.fields input{justify-self:start;max-width:100%}
`;

/**
 * The page frame. `switchTo` is the same page in the other language (a GET address), offered in the header; pages
 * that answer a POST have none, since the language is kept in the form's own address.
 */
export function page(locale: Locale, title: string, body: Html, switchTo: string | null = null): string {
  const t = translator(locale);
  return html`<!doctype html>
    <html lang="${locale}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${title}</title>
        <style>
          ${new Html(STYLE)}
        </style>
      </head>
      <body>
        <header>
          <h1>${t('renewalPage.title')}</h1>
          ${switchTo ? html`<a href="${switchTo}" hreflang="${locale === 'ja' ? 'en' : 'ja'}">${t('renewalPage.switchLanguage')}</a>` : ''}
        </header>
        <main>
          <p class="sandbox" role="note">${t('renewalPage.sandbox')}</p>
          ${body}
        </main>
      </body>
    </html>`.text;
}

/** '09:30' → '9:30'. */
const clock = (value: string) => value.replace(/^0(\d)/, '$1');

export function supportBlock(locale: Locale, contact: SupportContact): Html {
  const t = translator(locale);
  const hours = joinList(
    contact.phoneHours.map((h) => rangeText(clock(h.from), clock(h.to), locale)),
    locale,
  );
  return html`<section class="support" aria-label="${t('renewalPage.supportTitle')}">
    <strong>${t('renewalPage.supportTitle')}</strong><br />
    ☎ ${contact.phone} ${t('renewalPage.supportHours', { hours })}<br />
    <a href="${contact.webFormUrl}">${t('renewalPage.webForm')}</a>
  </section>`;
}

export function errorBlock(message: string): Html {
  return html`<p class="error" role="alert">${message}</p>`;
}

/** A way back to a fresh quote for this license (after a refusal of the form). */
export function startOverLink(locale: Locale, quoteUrl: string): Html {
  return html`<p><a href="${quoteUrl}">${translator(locale)('renewalPage.startOver')}</a></p>`;
}

/** The product as the customer knows it; in English the edition is named in English. */
export function productTitle(locale: Locale, productName: string, edition: string, editionLabel: string): string {
  const t = translator(locale);
  if (locale === 'ja') return `${productName} ${editionLabel}`;
  return `${westernPunctuation(productName)} ${t(`renewalPage.editionLabel.${edition}`)}`;
}

export type ResumptionInfo = { deadlineDate: string; cutoffHour: number };

export type QuoteFormInput = {
  locale: Locale;
  quote: Quote;
  licenseNumber: string;
  currentEnd: string;
  productTitle: string;
  /** Option labels by code (the catalog's), for English quote lines. */
  optionLabels: Record<string, string>;
  idempotencyKey: string;
  support: SupportContact;
  /** The payment method to show selected (the customer's choice, kept after a decline); default the first. */
  method?: string | null;
  /** A refusal of the previous submit (a declined card), shown above the form. */
  message?: string | null;
  /** The package edition: renewed inside the product; this page offers the default length with every option. */
  packageEdition?: boolean;
  /** Seed 003 after a lapse: the deadline for resuming (the quote's term is already the month-end term). */
  resumption?: ResumptionInfo | null;
  /** Shown once after the page's own user registration. */
  justRegistered?: boolean;
};

function lineLabel(locale: Locale, line: Quote['lines'][number], quote: Quote, optionLabels: Record<string, string>): string {
  if (locale === 'ja') return line.label;
  if (line.code === 'basic') return translator(locale)('renewalPage.basicLine', { months: quote.months });
  return westernPunctuation(optionLabels[line.code.replace(/^option:/, '')] ?? line.label);
}

function methodLabel(locale: Locale, method: { code: string; label: string }): string {
  return locale === 'ja' ? method.label : translator(locale)(`renewalPage.methodLabel.${method.code}`);
}

export function deadlineText(locale: Locale, info: ResumptionInfo): string {
  return translator(locale)('renewalPage.deadlineAt', {
    date: formatDateText(info.deadlineDate, locale),
    hour: info.cutoffHour,
  });
}

export function quoteForm(input: QuoteFormInput): Html {
  const { locale, quote } = input;
  const t = translator(locale);
  const lines = quote.lines.map(
    (line) =>
      html`<tr>
        <td>${lineLabel(locale, line, quote, input.optionLabels)}</td>
        <td class="num">
          ${
            line.status === 'included'
              ? t('renewalPage.included')
              : line.status === 'free'
                ? t('renewalPage.free')
                : formatYen(line.amountYen)
          }
        </td>
      </tr>`,
  );
  const chosen = quote.paymentMethods.some((m) => m.code === input.method) ? input.method : quote.paymentMethods[0]?.code;
  const methods = quote.paymentMethods.map(
    (m) =>
      html`<label
        ><input type="radio" name="method" value="${m.code}" ${m.code === chosen ? new Html('checked') : ''} />
        ${methodLabel(locale, m)}</label
      >`,
  );
  const offersAccountTransfer = quote.paymentMethods.some((m) => m.code === 'account-transfer');
  const offersCard = quote.paymentMethods.some((m) => m.code === 'card');
  // The download edition's 12 months with every option in the price; other products price their options.
  const optionLines = quote.lines.filter((line) => line.code !== 'basic');
  const allOptionsIncluded = optionLines.length > 0 && optionLines.every((line) => line.status === 'included');
  const lengthNote = input.packageEdition
    ? t('renewalPage.packageQuoteNote', { months: quote.months })
    : allOptionsIncluded
      ? t('renewalPage.downloadNote')
      : null;
  return html`${input.justRegistered ? html`<p class="done" role="status">${t('renewalPage.registered')}</p>` : ''}
    ${input.message ? errorBlock(input.message) : ''}
    <h2>${input.productTitle}</h2>
    ${input.packageEdition ? html`<p class="info">${t('renewalPage.packageNote')}</p>` : ''}
    <dl>
      <dt>${t('renewalPage.licenseNumber')}</dt>
      <dd>${maskLicenseNumber(input.licenseNumber)}</dd>
      <dt>${t('renewalPage.currentEnd')}</dt>
      <dd>${formatDateText(input.currentEnd, locale)}</dd>
      <dt>${t('renewalPage.newTerm')}</dt>
      <dd data-testid="new-term">${formatTermText(quote.term, locale)}</dd>
      ${
        input.resumption
          ? html`<dt>${t('renewalPage.resumeDeadline')}</dt>
              <dd data-testid="resume-deadline">${deadlineText(locale, input.resumption)}</dd>`
          : ''
      }
    </dl>
    ${quote.planKind === 'resumption' ? html`<p class="note">${t('renewalPage.resumeNote')}</p>` : ''}
    ${input.resumption ? html`<p class="note">${t('renewalPage.resumeMonthEnd', { months: quote.months })}</p>` : ''}
    <table>
      <thead>
        <tr>
          <th>${t('renewalPage.item')}</th>
          <th class="num">${t('renewalPage.amount')}</th>
        </tr>
      </thead>
      <tbody>
        ${lines}
        <tr>
          <td>${t('renewalPage.subtotal')}</td>
          <td class="num">${formatYen(quote.subtotalYen)}</td>
        </tr>
        <tr>
          <td>${t('renewalPage.tax', { rate: quote.taxRatePercent })}</td>
          <td class="num">${formatYen(quote.taxYen)}</td>
        </tr>
        <tr class="total">
          <td>${t('renewalPage.total')}</td>
          <td class="num" data-testid="total">${formatYen(quote.totalYen)}</td>
        </tr>
      </tbody>
    </table>
    ${lengthNote ? html`<p class="note">${lengthNote}</p>` : ''}
    <form method="post" action="/renew/order?lang=${locale}">
      <input type="hidden" name="license" value="${input.licenseNumber}" />
      <input type="hidden" name="quoteId" value="${quote.id}" />
      <input type="hidden" name="idempotencyKey" value="${input.idempotencyKey}" />
      <fieldset>
        <legend>${t('renewalPage.paymentMethod')}</legend>
        ${methods} ${offersAccountTransfer ? html`<p class="warn">${t('renewalPage.accountTransferNote')}</p>` : ''}
        ${
          offersCard
            ? html`<div class="fields">
                <label for="card-number">${t('renewalPage.cardNumber')}</label>
                <input id="card-number" type="text" name="cardNumber" inputmode="numeric" autocomplete="cc-number" size="22" />
                <label for="card-expiry">${t('renewalPage.cardExpiry')}</label>
                <input id="card-expiry" type="text" name="cardExpiry" autocomplete="cc-exp" size="6" />
              </div>`
            : ''
        }
      </fieldset>
      <button type="submit">${t('renewalPage.pay')}</button>
    </form>
    ${supportBlock(locale, input.support)}`;
}

/** What the customer sees after ordering, and again whenever the link is opened while the order waits. */
export function orderResult(locale: Locale, order: Order, support: SupportContact, options: { again?: boolean } = {}): Html {
  const t = translator(locale);
  if (order.state === 'paid') {
    return html`<h2>${t(options.again ? 'renewalPage.completeTitle' : 'renewalPage.paidTitle')}</h2>
      <p class="done" role="status">${t(options.again ? 'renewalPage.completeBody' : 'renewalPage.paidBody')}</p>
      ${
        order.term
          ? html`<dl>
              <dt>${t('renewalPage.newTerm')}</dt>
              <dd data-testid="new-term">${formatTermText(order.term, locale)}</dd>
            </dl>`
          : ''
      }
      ${supportBlock(locale, support)}`;
  }
  if (order.transfer) {
    const tr = order.transfer;
    const account = locale === 'ja' ? tr.accountType : t(`renewalPage.accountType.${tr.accountType}`);
    // The mail sentence only when the transport took the mail (never a claim of a mail that was not sent).
    const mailed = order.instructionsMailed
      ? html`${locale === 'ja' ? '' : ' '}<span data-testid="mailed">${t('renewalPage.bankMailed')}</span>`
      : '';
    const lead = html`${t(options.again ? 'renewalPage.bankPendingBody' : 'renewalPage.bankBody')}${mailed}`;
    return html`<h2>${t(options.again ? 'renewalPage.bankPendingTitle' : 'renewalPage.bankTitle')}</h2>
      <p>${lead}</p>
      <dl>
        <dt>${t('renewalPage.bank')}</dt>
        <dd>
          ${locale === 'ja' ? `${tr.bankName} ${tr.branchName}` : `${westernPunctuation(tr.bankName)}, ${westernPunctuation(tr.branchName)}`}
        </dd>
        <dt>${t('renewalPage.account')}</dt>
        <dd>${account} ${tr.accountNumber}</dd>
        <dt>${t('renewalPage.holder')}</dt>
        <dd>${tr.accountHolder}</dd>
        <dt>${t('renewalPage.reference')}</dt>
        <dd data-testid="reference">${tr.reference}</dd>
        <dt>${t('renewalPage.transferAmount')}</dt>
        <dd data-testid="transfer-amount">${formatYen(tr.amountYen)}</dd>
        <dt>${t('renewalPage.dueOn')}</dt>
        <dd data-testid="due-on">${formatDateText(tr.dueOn, locale)}</dd>
      </dl>
      <p class="warn" role="alert">${t('renewalPage.doubleTransfer')}</p>
      <p>${t('renewalPage.wrongAmount')}</p>
      ${supportBlock(locale, support)}`;
  }
  return html`<h2>${t('renewalPage.accountTitle')}</h2>
    <p>${t(options.again ? 'renewalPage.accountPendingBody' : 'renewalPage.accountBody')}</p>
    ${supportBlock(locale, support)}`;
}

/** Before the window opens: when it does, not an error. */
export function notOpenPage(locale: Locale, input: { opensOn: string; currentEnd: string; support: SupportContact }): Html {
  const t = translator(locale);
  return html`<h2>${t('renewalPage.notOpenTitle')}</h2>
    <p class="info" role="status">
      ${t('renewalPage.notOpenBody', {
        date: formatDateText(input.opensOn, locale),
        end: formatDateText(input.currentEnd, locale),
      })}
    </p>
    ${supportBlock(locale, input.support)}`;
}

/** A package license whose booklet is not registered yet: the registration form, which then shows the quote. */
export function registrationForm(
  locale: Locale,
  input: {
    licenseNumber: string;
    productTitle: string;
    support: SupportContact;
    message?: string | null;
    name?: string;
    email?: string;
    registrationNumber?: string;
  },
): Html {
  const t = translator(locale);
  return html`${input.message ? errorBlock(input.message) : ''}
    <h2>${input.productTitle}</h2>
    <p class="info">${t('renewalPage.packageNote')}</p>
    <h3>${t('renewalPage.registrationTitle')}</h3>
    <p>${t('renewalPage.registrationLead')}</p>
    <form method="post" action="/renew/register?lang=${locale}">
      <input type="hidden" name="license" value="${input.licenseNumber}" />
      <div class="fields">
        <label for="registration-number">${t('renewalPage.registrationNumber')}</label>
        <input
          id="registration-number"
          type="text"
          name="registrationNumber"
          value="${input.registrationNumber ?? ''}"
          size="18"
          required
        />
        <label for="install-key">${t('renewalPage.installKey')}</label>
        <input id="install-key" type="text" name="installKey" size="26" autocomplete="off" required />
        <label for="registrant-name">${t('renewalPage.name')}</label>
        <input id="registrant-name" type="text" name="name" value="${input.name ?? ''}" autocomplete="name" required />
        <label for="registrant-email">${t('renewalPage.email')}</label>
        <input
          id="registrant-email"
          type="email"
          name="email"
          value="${input.email ?? ''}"
          autocomplete="email"
          size="30"
          required
        />
      </div>
      <p><button type="submit">${t('renewalPage.register')}</button></p>
    </form>
    ${supportBlock(locale, input.support)}`;
}

/** A license this page does not renew (annual, trial): where to go instead. */
export function notRenewedHere(
  locale: Locale,
  input: { reason: 'annual' | 'trial'; productTitle: string; purchaseUrl: string | null; support: SupportContact },
): Html {
  const t = translator(locale);
  return html`<h2>${t('renewalPage.notHereTitle')}</h2>
    <p>${input.productTitle}</p>
    <p class="info" role="status">${t(input.reason === 'trial' ? 'renewalPage.trialBody' : 'renewalPage.annualBody')}</p>
    ${input.purchaseUrl ? html`<p><a class="button" href="${input.purchaseUrl}">${t('renewalPage.buy')}</a></p>` : ''}
    ${supportBlock(locale, input.support)}`;
}

/** Seed 003 past the resumption deadline: buy again. */
export function repurchasePage(
  locale: Locale,
  input: {
    productTitle: string;
    endedOn: string;
    deadline: ResumptionInfo;
    purchaseUrl: string | null;
    support: SupportContact;
  },
): Html {
  const t = translator(locale);
  return html`<h2>${t('renewalPage.repurchaseTitle')}</h2>
    <p>${input.productTitle}</p>
    <p class="info" role="status">
      ${t('renewalPage.repurchaseBody', {
        end: formatDateText(input.endedOn, locale),
        deadline: deadlineText(locale, input.deadline),
      })}
    </p>
    ${input.purchaseUrl ? html`<p><a class="button" href="${input.purchaseUrl}">${t('renewalPage.buy')}</a></p>` : ''}
    ${supportBlock(locale, input.support)}`;
}
