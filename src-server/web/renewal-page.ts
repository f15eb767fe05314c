import { type SupportContact } from '../../src-shared/catalog';
import { type Order, type Quote } from '../../src-shared/contracts/http';
import { maskLicenseNumber } from '../../src-shared/contracts/license-number';
import { type Locale } from '../../src-shared/messages';
import { formatYen } from '../text/format';
import { formatDateText, html, Html, translator } from './html';

// The download edition's renewal web page (SPEC §6): 12 months, all options included, payment method, pay.
// Server-rendered, no scripts, so it works in any browser the product opens and under a strict CSP.

const STYLE = `
body{font-family:'Hiragino Sans','Noto Sans JP','Noto Sans CJK JP','Yu Gothic UI',Meiryo,sans-serif;margin:0;background:#f4f6f9;color:#1d2733;line-height:1.7}
header{background:#0b5cab;color:#fff;padding:14px 24px}header h1{margin:0;font-size:19px}
main{max-width:680px;margin:24px auto;background:#fff;border:1px solid #d6dde5;border-radius:8px;padding:24px 28px}
.sandbox{background:#fff8e1;border:1px solid #f1d48a;border-radius:6px;padding:6px 10px;font-size:13px}
table{width:100%;border-collapse:collapse;margin:12px 0}td,th{padding:6px 4px;border-bottom:1px solid #e3e8ee;text-align:left}td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
tr.total td{font-weight:700;border-bottom:2px solid #1d2733}
dl{display:grid;grid-template-columns:max-content 1fr;gap:4px 16px}dt{color:#5b6877}dd{margin:0}
fieldset{border:1px solid #d6dde5;border-radius:6px;margin:16px 0;padding:8px 14px}label{display:block;margin:4px 0}
input[type=text]{font:inherit;padding:6px 8px;border:1px solid #c5ced8;border-radius:5px}
button{font:inherit;background:#0b5cab;color:#fff;border:0;border-radius:6px;padding:8px 20px;cursor:pointer}
.note{color:#5b6877;font-size:14px}.warn{color:#8a4b00;background:#fff4e5;border-radius:6px;padding:8px 10px}
.error{color:#b42318;background:#fdf0ee;border:1px solid #f3c7c1;border-radius:6px;padding:10px 12px}
.support{margin-top:20px;border-top:1px solid #e3e8ee;padding-top:12px;font-size:14px}
`;

export function page(locale: Locale, title: string, body: Html): string {
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
        <header><h1>${t('renewalPage.title')}</h1></header>
        <main>
          <p class="sandbox" role="note">${t('renewalPage.sandbox')}</p>
          ${body}
        </main>
      </body>
    </html>`.text;
}

export function supportBlock(locale: Locale, contact: SupportContact): Html {
  const t = translator(locale);
  const hours = contact.phoneHours.map((h) => `${h.from}〜${h.to}`).join('、');
  return html`<section class="support" aria-label="${t('renewalPage.supportTitle')}">
    <strong>${t('renewalPage.supportTitle')}</strong><br />
    ☎ ${contact.phone} ${t('renewalPage.supportHours', { hours })}<br />
    <a href="${contact.webFormUrl}">${t('renewalPage.webForm')}</a>
  </section>`;
}

export function errorBlock(message: string): Html {
  return html`<p class="error" role="alert">${message}</p>`;
}

export function quoteForm(input: {
  locale: Locale;
  quote: Quote;
  licenseNumber: string;
  currentEnd: string;
  productName: string;
  idempotencyKey: string;
  support: SupportContact;
}): Html {
  const { locale, quote } = input;
  const t = translator(locale);
  const lines = quote.lines.map(
    (line) =>
      html`<tr>
        <td>${line.label}</td>
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
  const methods = quote.paymentMethods.map(
    (m, i) =>
      html`<label
        ><input type="radio" name="method" value="${m.code}" ${i === 0 ? new Html('checked') : ''} /> ${m.label}</label
      >`,
  );
  return html`<h2>${input.productName}</h2>
    <dl>
      <dt>${t('renewalPage.licenseNumber')}</dt>
      <dd>${maskLicenseNumber(input.licenseNumber)}</dd>
      <dt>${t('renewalPage.currentEnd')}</dt>
      <dd>${formatDateText(input.currentEnd, locale)}</dd>
      <dt>${t('renewalPage.newTerm')}</dt>
      <dd data-testid="new-term">${formatDateText(quote.term.start, locale)} 〜 ${formatDateText(quote.term.end, locale)}</dd>
    </dl>
    ${quote.planKind === 'resumption' ? html`<p class="note">${t('renewalPage.resumeNote')}</p>` : ''}
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
    <p class="note">${t('renewalPage.downloadNote')}</p>
    <form method="post" action="/renew/order?lang=${locale}">
      <input type="hidden" name="license" value="${input.licenseNumber}" />
      <input type="hidden" name="quoteId" value="${quote.id}" />
      <input type="hidden" name="idempotencyKey" value="${input.idempotencyKey}" />
      <fieldset>
        <legend>${t('renewalPage.paymentMethod')}</legend>
        ${methods}
        <p class="warn">${t('renewalPage.accountTransferNote')}</p>
        <label
          >${t('renewalPage.cardNumber')}
          <input type="text" name="cardNumber" inputmode="numeric" autocomplete="cc-number" size="22"
        /></label>
        <label>${t('renewalPage.cardExpiry')} <input type="text" name="cardExpiry" autocomplete="cc-exp" size="6" /></label>
      </fieldset>
      <button type="submit">${t('renewalPage.pay')}</button>
    </form>
    ${supportBlock(locale, input.support)}`;
}

export function orderResult(locale: Locale, order: Order, support: SupportContact): Html {
  const t = translator(locale);
  if (order.state === 'paid') {
    return html`<h2>${t('renewalPage.paidTitle')}</h2>
      <p>${t('renewalPage.paidBody')}</p>
      ${order.term ? html`<p data-testid="new-term">${formatDateText(order.term.start, locale)} 〜 ${formatDateText(order.term.end, locale)}</p>` : ''}
      ${supportBlock(locale, support)}`;
  }
  if (order.transfer) {
    const tr = order.transfer;
    return html`<h2>${t('renewalPage.bankTitle')}</h2>
      <p>${t('renewalPage.bankBody')}</p>
      <dl>
        <dt>${t('renewalPage.bank')}</dt>
        <dd>${tr.bankName} ${tr.branchName}</dd>
        <dt>${t('renewalPage.account')}</dt>
        <dd>${tr.accountType} ${tr.accountNumber}</dd>
        <dt>${t('renewalPage.holder')}</dt>
        <dd>${tr.accountHolder}</dd>
        <dt>${t('renewalPage.reference')}</dt>
        <dd>${tr.reference}</dd>
        <dt>${t('renewalPage.transferAmount')}</dt>
        <dd>${formatYen(tr.amountYen)}</dd>
        <dt>${t('renewalPage.dueOn')}</dt>
        <dd>${formatDateText(tr.dueOn, locale)}</dd>
      </dl>
      <p class="warn" role="alert">${t('renewalPage.doubleTransfer')}</p>
      <p>${t('renewalPage.wrongAmount')}</p>
      ${supportBlock(locale, support)}`;
  }
  return html`<h2>${t('renewalPage.accountTitle')}</h2>
    <p>${t('renewalPage.accountBody')}</p>
    ${supportBlock(locale, support)}`;
}
