import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { issueLicense } from '../../src-server/licenses/license-issuer';
import { type MailTransport } from '../../src-server/mail/mail-transport';
import { readOutbox } from '../../src-server/mail/outbox-transport';
import { createQuote } from '../../src-server/renewals/quote-service';
import { SANDBOX_CARDS } from '../../src-server/renewals/sandbox-card';
import { confirmTransfer } from '../../src-server/renewals/transfer-confirmation';
import { quoteForm } from '../../src-server/web/renewal-page';
import { startTestServer } from '../fixtures/license-server';
import { testStores } from './helpers/test-stores';
import { deviceId, manualClock, serviceClient } from '../fixtures/service-client';

// The renewal web page in every state a customer meets (issue 8 §4, §5): the quote, paid (and opened again), a
// bank transfer waiting (and opened again), a declined card, a package license (registration, then the quote),
// licenses renewed elsewhere, before the window, a seed-003 resumption and past its deadline, and English.

const clock = manualClock('2026-12-01T01:00:00Z'); // Tue 2026-12-01 10:00 JST
let server: Awaited<ReturnType<typeof startTestServer>>;
let api: ReturnType<typeof serviceClient>;
let realMail: MailTransport;

describe.each(testStores())('on %s', (store) => {
  beforeAll(async () => {
    server = await startTestServer({ store, clock: clock.now });
    api = serviceClient(server.url);
    realMail = server.ctx.mail;
  });
  afterAll(() => server.close());
  beforeEach(() => {
    clock.set('2026-12-01T01:00:00Z');
    server.ctx.mail = realMail;
  });

  type Page = { status: number; html: string; text: string; location: string | null };

  const read = async (response: Response): Promise<Page> => {
    const html = await response.text();
    const text = html
      .replace(/<style[\s\S]*?<\/style>/, '')
      .replace(/<[^>]+>/g, ' ')
      .replace(/&#39;/g, "'")
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, '&')
      .replace(/\s+/g, ' ');
    return { status: response.status, html, text, location: response.headers.get('location') };
  };
  const get = async (path: string) => read(await fetch(`${server.url}${path}`, { redirect: 'manual' }));
  const post = async (path: string, fields: Record<string, string>) =>
    read(
      await fetch(`${server.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(fields).toString(),
        redirect: 'manual',
      }),
    );

  /** The payment form's fields as the browser would send them (hidden fields and the checked method). */
  function formFields(html: string): Record<string, string> {
    const field = (name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1] ?? '';
    const method = /<input type="radio" name="method" value="([^"]+)" checked/.exec(html)?.[1] ?? '';
    return { license: field('license'), quoteId: field('quoteId'), idempotencyKey: field('idempotencyKey'), method };
  }
  const withCard = (fields: Record<string, string>, number: string = SANDBOX_CARDS.succeeds) => ({
    ...fields,
    method: 'card',
    cardNumber: number,
    cardExpiry: '12/29',
  });
  const heading = (p: Page) => /<h2>([^<]*)<\/h2>/.exec(p.html)?.[1]?.trim();

  async function download(options: { end?: string; email?: string | null; product?: string; start?: string } = {}) {
    const customer =
      options.email === null
        ? null
        : await server.ctx.customers.create(
            { name: '山田 太郎', email: options.email ?? 'taro@example.jp' },
            clock.now().toISOString(),
          );
    const { license } = await issueLicense(server.ctx, {
      product: options.product ?? 'sakura-kaikei',
      edition: 'download',
      start: options.start ?? '2026-02-01',
      end: options.end ?? '2027-01-31',
      ...(customer ? { customerId: customer.id } : {}),
    });
    return license;
  }
  const ordersOf = (licenseId: string) => server.ctx.orders.forLicense(licenseId);
  const chargesOf = async (licenseId: string) => {
    const charges = [];
    for (const o of await ordersOf(licenseId))
      charges.push(...(await server.ctx.orders.paymentsFor(o.id)).filter((p) => p.outcome === 'succeeded'));
    return charges;
  };
  const mailsTo = (address: string) =>
    readOutbox(server.ctx.config.outboxPath).filter((m) => m.to === address && m.kind === 'bank-transfer-instructions');

  describe('the quote (download edition)', () => {
    it('shows 12 months with every option included, the total with tax, and a form with a fresh Idempotency-Key', async () => {
      const license = await download();
      const first = await get(`/renew/sakura-kaikei?license=${license.number}`);
      expect(first.status).toBe(200);
      expect(first.text).toContain('2027年2月1日 〜 2028年1月31日');
      expect(first.text).toContain('¥48,400');
      expect(first.html.match(/料金に含む/g)).toHaveLength(2);
      const again = await get(`/renew?license=${license.number}`);
      expect(formFields(again.html).idempotencyKey).not.toBe(formFields(first.html).idempotencyKey);
      expect(formFields(first.html).method).toBe('card');
    });
  });

  describe('paid', () => {
    it('the same form twice pays once with one answer; opening the link again says done, with no way to pay', async () => {
      const license = await download();
      const quote = await get(`/renew?license=${license.number}`);
      const fields = withCard(formFields(quote.html));
      const first = await post('/renew/order', fields);
      const second = await post('/renew/order', fields);
      expect([first.status, second.status]).toEqual([201, 201]);
      expect(heading(first)).toBe('お支払いが完了しました');
      expect(second.text).toBe(first.text);
      expect(await chargesOf(license.id)).toHaveLength(1);
      expect((await ordersOf(license.id)).map((o) => o.state)).toEqual(['paid']);
      expect((await server.ctx.licenses.findById(license.id))?.termEnd).toBe('2028-01-31');

      const revisit = await get(`/renew?license=${license.number}`);
      expect(revisit.status).toBe(200);
      expect(heading(revisit)).toBe('更新は完了しています');
      expect(revisit.text).toContain('製品を再起動すると');
      expect(revisit.text).toContain('2027年2月1日 〜 2028年1月31日');
      expect(revisit.html).not.toContain('<form');
      expect(revisit.text).not.toContain('受付開始日');
      expect(await ordersOf(license.id)).toHaveLength(1);
      expect(await chargesOf(license.id)).toHaveLength(1);
    });

    it('a transfer confirmed by the vendor is done too; once the next window opens the page quotes again', async () => {
      const license = await download();
      const pending = await post('/renew/order', {
        ...formFields((await get(`/renew?license=${license.number}`)).html),
        method: 'bank-transfer',
      });
      const orderId = (await ordersOf(license.id))[0]!.id;
      expect(pending.status).toBe(201);
      await confirmTransfer(server.ctx, orderId, 48400);
      expect(heading(await get(`/renew?license=${license.number}`))).toBe('更新は完了しています');
      clock.set('2027-11-30T00:00:00Z'); // 2027-11-30 JST: two months before the new end 2028-01-31
      const next = await get(`/renew?license=${license.number}`);
      expect(next.html).toContain('<form');
      expect(next.text).toContain('2028年2月1日 〜 2029年1月31日');
    });
  });

  describe('bank transfer', () => {
    it('shows where to pay, says it was mailed only when it was, and shows the same instructions when opened again', async () => {
      const license = await download({ email: 'hanako@example.jp' });
      const placed = await post('/renew/order', {
        ...formFields((await get(`/renew?license=${license.number}`)).html),
        method: 'bank-transfer',
      });
      expect(placed.status).toBe(201);
      expect(heading(placed)).toBe('お振込のご案内');
      expect(placed.text).toContain('同じ内容をメールでもお送りしました');
      expect(mailsTo('hanako@example.jp')).toHaveLength(1);
      const order = (await ordersOf(license.id))[0]!;
      expect(order.instructionsMailedAt).not.toBeNull();

      const again = await get(`/renew?license=${license.number}`);
      expect(again.status).toBe(200);
      expect(heading(again)).toBe('お振込をお待ちしています');
      expect(again.html).not.toContain('class="error"');
      expect(again.text).toContain('¥48,400');
      expect(again.text).toContain('2026年12月15日');
      expect(again.text).toContain('二重のお振込にご注意ください');
      expect(again.text).toContain(/data-testid="reference">([^<]+)</.exec(placed.html)![1]!);
      expect(again.text).toContain('同じ内容をメールでもお送りしました');
      expect(again.html).not.toContain('<form');
      expect(await ordersOf(license.id)).toHaveLength(1);
      expect(mailsTo('hanako@example.jp')).toHaveLength(1);
    });

    it('no address, or a mail that fails: the instructions without the mail sentence', async () => {
      const license = await download({ email: null });
      const placed = await post('/renew/order', {
        ...formFields((await get(`/renew?license=${license.number}`)).html),
        method: 'bank-transfer',
      });
      expect(heading(placed)).toBe('お振込のご案内');
      expect(placed.text).not.toContain('メールでもお送りしました');
      expect((await get(`/renew?license=${license.number}`)).text).not.toContain('メールでもお送りしました');

      server.ctx.mail = { send: () => Promise.reject(new Error('mail server down')) };
      const other = await download({ email: 'down@example.jp' });
      const failed = await post('/renew/order', {
        ...formFields((await get(`/renew?license=${other.number}`)).html),
        method: 'bank-transfer',
      });
      expect(heading(failed)).toBe('お振込のご案内');
      expect(failed.text).not.toContain('メールでもお送りしました');
      expect((await ordersOf(other.id))[0]!.instructionsMailedAt).toBeNull();
    });

    it('the order answers of POST /v1/orders and GET /v1/orders/:id say whether the instructions were mailed', async () => {
      const mailed = await download({ email: 'api@example.jp' });
      const unmailed = await download({ email: null });
      const answers: boolean[][] = [];
      for (const license of [mailed, unmailed]) {
        const device = deviceId(license.id);
        await server.ctx.licenses.bindDevice(license.id, device, '1.0.0', clock.now().toISOString());
        const ref = { licenseNumber: license.number, device };
        const quote = (await api.post('/v1/quotes', { ...ref, months: 12, options: ['bank-import', 'e-filing'] })).body.quote;
        const key = `page-test-${license.id}`;
        const placed = await api.post(
          '/v1/orders',
          { ...ref, quoteId: quote.id, method: 'bank-transfer' },
          { 'idempotency-key': key },
        );
        const replayed = await api.post(
          '/v1/orders',
          { ...ref, quoteId: quote.id, method: 'bank-transfer' },
          { 'idempotency-key': key },
        );
        const status = await api.get(`/v1/orders/${placed.body.order.id}?licenseNumber=${license.number}&device=${device}`);
        answers.push([
          placed.body.order.instructionsMailed,
          replayed.body.order.instructionsMailed,
          status.body.order.instructionsMailed,
        ]);
      }
      expect(answers).toEqual([
        [true, true, true],
        [false, false, false],
      ]);
      expect(mailsTo('api@example.jp')).toHaveLength(1);
    });
  });

  describe('declined card', () => {
    it('goes back to the payment form with the method kept, no card data, a new key, and the decline message', async () => {
      const license = await download();
      const quote = await get(`/renew?license=${license.number}`);
      const fields = formFields(quote.html);
      const declined = await post('/renew/order', withCard(fields, SANDBOX_CARDS.declined));
      expect(declined.status).toBe(402);
      expect(declined.text).toContain('カードでのお支払いができませんでした');
      const kept = formFields(declined.html);
      expect(kept).toMatchObject({ license: fields.license, quoteId: fields.quoteId, method: 'card' });
      expect(kept.idempotencyKey).not.toBe(fields.idempotencyKey);
      expect(declined.html).not.toContain(SANDBOX_CARDS.declined);
      expect(declined.html).not.toContain('12/29');
      expect(declined.html).toMatch(/<input[^>]*name="cardNumber"[^>]*\/>/);
      expect(declined.html).not.toMatch(/name="cardNumber"[^>]*value=/);

      // The same declined submit again (same key) gives the same refusal, not a charge.
      expect((await post('/renew/order', withCard(fields, SANDBOX_CARDS.declined))).status).toBe(402);
      const paid = await post('/renew/order', withCard(kept));
      expect(heading(paid)).toBe('お支払いが完了しました');
      expect((await ordersOf(license.id)).map((o) => o.state)).toEqual(['declined', 'paid']);
      expect(await chargesOf(license.id)).toHaveLength(1);
    });

    it('a card number that is not valid goes back to the form too, with nothing ordered', async () => {
      const license = await download();
      const fields = formFields((await get(`/renew?license=${license.number}`)).html);
      const invalid = await post('/renew/order', { ...fields, method: 'card', cardNumber: '1234', cardExpiry: '12/29' });
      expect(invalid.status).toBe(400);
      expect(invalid.text).toContain('カード番号または有効期限が正しくありません');
      expect(formFields(invalid.html).method).toBe('card');
      expect(await ordersOf(license.id)).toHaveLength(0);
    });

    it('the form shows the method it is given checked (the choice kept), and only that one', async () => {
      const license = await download();
      const quote = await createQuote(server.ctx, (await server.ctx.licenses.findById(license.id))!, 12, [
        'bank-import',
        'e-filing',
      ]);
      const support = server.ctx.catalog.supportContacts[0]!;
      const form = (method: string | null) =>
        quoteForm({
          locale: 'ja',
          quote,
          licenseNumber: license.number,
          currentEnd: license.termEnd,
          productTitle: 'さくら会計 Desktop ダウンロード版',
          optionLabels: {},
          idempotencyKey: 'key-12345678',
          support,
          method,
        }).text;
      expect(form('bank-transfer').match(/ checked/g)).toHaveLength(1);
      expect(formFields(form('bank-transfer')).method).toBe('bank-transfer');
      expect(formFields(form('account-transfer')).method).toBe('account-transfer');
      expect(formFields(form(null)).method).toBe('card');
      expect(formFields(form('cash')).method).toBe('card');
    });

    it('any other refusal of the form has a way back to the quote', async () => {
      const license = await download();
      const fields = formFields((await get(`/renew?license=${license.number}`)).html);
      clock.advanceDays(2); // the quote expired
      const expired = await post('/renew/order', withCard(fields));
      expect(expired.status).toBe(410);
      expect(expired.html).toContain(`href="/renew?license=${encodeURIComponent(license.number)}&amp;lang=ja"`);
      expect(expired.text).toContain('見積からやり直す');
    });
  });

  describe('package edition', () => {
    async function pkg(register: boolean) {
      const issued = await issueLicense(server.ctx, {
        product: 'sakura-kaikei',
        edition: 'package',
        start: '2026-02-01',
        end: '2027-01-31',
      });
      if (register)
        await server.ctx.licenses.register(issued.license.id, '佐藤 花子', 'sato@example.jp', clock.now().toISOString());
      return { license: issued.license, registration: issued.registration! };
    }

    it('unregistered: says it is renewed in the product and offers the booklet registration, which then shows the quote', async () => {
      const { license, registration } = await pkg(false);
      const form = await get(`/renew?license=${license.number}`);
      expect(form.status).toBe(200);
      expect(form.text).toContain('今スグ更新する');
      expect(form.text).toContain('［ヘルプ］→［バージョン情報］');
      expect(form.text).toContain('「はじめにお読みください」');
      expect(form.html).toContain('action="/renew/register?lang=ja"');
      for (const name of ['registrationNumber', 'installKey', 'name', 'email']) expect(form.html).toContain(`name="${name}"`);
      expect(form.html).not.toContain('name="idempotencyKey"');

      const fields = { license: license.number, name: '佐藤 花子', email: 'sato@example.jp' };
      const wrong = await post('/renew/register?lang=ja', {
        ...fields,
        registrationNumber: registration.registrationNumber,
        installKey: 'WRONG-KEY',
      });
      expect(wrong.status).toBe(404);
      expect(wrong.text).toContain('製品登録番号またはインストールキーが正しくありません');
      expect(wrong.html).toContain('value="佐藤 花子"');
      expect((await server.ctx.licenses.findById(license.id))?.registeredAt).toBeNull();

      // As typed with a Japanese IME: full-width digits and a long dash.
      const typed = registration.registrationNumber
        .replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0))
        .replace(/-/g, 'ー');
      const ok = await post('/renew/register?lang=ja', {
        ...fields,
        registrationNumber: typed,
        installKey: registration.installKey,
      });
      expect(ok.status).toBe(303);
      expect(ok.location).toBe(`/renew?license=${encodeURIComponent(license.number)}&lang=ja&registered=1`);
      expect(await server.ctx.licenses.registeredEmail(license.id)).toBe('sato@example.jp');
      const quote = await get(ok.location!);
      expect(quote.text).toContain('ユーザー登録が完了しました');
      expect(quote.text).toContain('今スグ更新する');
      expect(quote.text).toContain('期間やオプションを変更する場合は、製品からお手続きください');
      expect(quote.text).toContain('¥50,600');
      expect(quote.html).toContain('name="idempotencyKey"');
    });

    it('registered: the in-product note and the quote', async () => {
      const { license } = await pkg(true);
      const quote = await get(`/renew?license=${license.number}`);
      expect(quote.text).toContain('今スグ更新する');
      expect(quote.html).toContain('name="quoteId"');
      expect(quote.text).not.toContain('ダウンロード版の基本使用サービスは12ヶ月のみです');
    });
  });

  describe('licenses this page does not renew, and not yet', () => {
    it('annual: buy again, with the product’s purchase page', async () => {
      const { license } = await issueLicense(server.ctx, {
        product: 'model-studio-annual',
        edition: 'download',
        start: '2025-12-01',
        end: '2026-11-30',
      });
      const answer = await get(`/renew?license=${license.number}`);
      expect(answer.status).toBe(200);
      expect(heading(answer)).toBe('このライセンスはこのページでは更新できません');
      expect(answer.text).toContain('年間ライセンスは更新できません');
      expect(answer.html).toContain('href="https://shop.example.jp/products/model-studio-annual"');
      expect(answer.html).not.toContain('<form');
    });

    it('trial: buy a license and enter it in the product', async () => {
      const { license } = await issueLicense(server.ctx, { product: 'menzei-terminal', edition: 'download', trial: true });
      const answer = await get(`/renew?license=${license.number}`);
      expect(answer.text).toContain('お試し期間は更新できません');
      expect(answer.html).toContain('href="https://shop.example.jp/products/menzei-terminal"');
    });

    it('before the window: when it opens, as information rather than an error', async () => {
      const license = await download({ end: '2027-06-30' });
      const answer = await get(`/renew?license=${license.number}`);
      expect(answer.status).toBe(200);
      expect(heading(answer)).toBe('更新のお申し込みはまだ受け付けていません');
      expect(answer.text).toContain('2027年4月30日からお申し込みいただけます');
      expect(answer.html).not.toContain('class="error"');
    });
  });

  describe('seed 003: resumption after a lapse (model-studio, month-end, 3 years)', () => {
    it('quotes the month-end term from the payment month and the resumption deadline', async () => {
      const license = await download({ product: 'model-studio', start: '2025-08-01', end: '2026-07-31' });
      const answer = await get(`/renew/model-studio?license=${license.number}`);
      expect(answer.status).toBe(200);
      expect(/data-testid="new-term">([^<]+)</.exec(answer.html)![1]).toBe('2026年12月1日 〜 2027年11月30日');
      // Three years after the end month (2029-07): its last business day, at the product's cut-off hour (15:00 JST).
      expect(/data-testid="resume-deadline">([^<]+)</.exec(answer.html)![1]).toBe('2029年7月31日 15:00（日本時間）');
      expect(answer.text).toContain('お支払いの月を1ヶ月目として12ヶ月目の月末まで');
      clock.set('2026-12-20T01:00:00Z');
      const later = await get(`/renew/model-studio?license=${license.number}`);
      expect(/data-testid="new-term">([^<]+)</.exec(later.html)![1]).toBe('2026年12月20日 〜 2027年11月30日');
      clock.set('2027-01-04T01:00:00Z');
      const nextMonth = await get(`/renew/model-studio?license=${license.number}`);
      expect(/data-testid="new-term">([^<]+)</.exec(nextMonth.html)![1]).toBe('2027年1月4日 〜 2027年12月31日');
    });

    it('the deadline instant itself is in time; a second later the page offers to buy again', async () => {
      const license = await download({ product: 'model-studio', start: '2022-08-01', end: '2023-07-31' });
      clock.set('2026-07-31T06:00:00Z'); // 2026-07-31 15:00 JST: the cut-off itself
      expect((await get(`/renew?license=${license.number}`)).html).toContain('data-testid="resume-deadline"');
      clock.set('2026-07-31T06:00:01Z');
      const past = await get(`/renew?license=${license.number}`);
      expect(past.status).toBe(200);
      expect(heading(past)).toBe('再開できる期限を過ぎています');
      expect(past.text).toContain('2026年7月31日 15:00（日本時間）');
      expect(past.html).toContain('href="https://shop.example.jp/products/model-studio"');
      expect(past.html).not.toContain('<form');
    });
  });

  describe('English', () => {
    const JAPANESE_PUNCTUATION = /[「」（）、。〜：]/;

    it('uses English punctuation, dates and yen, and links the Japanese page', async () => {
      const license = await download({ product: 'model-studio', start: '2025-08-01', end: '2026-07-31' });
      const quote = await get(`/renew?license=${license.number}&lang=en`);
      expect(quote.html).toContain('<html lang="en">');
      expect(quote.text).not.toMatch(JAPANESE_PUNCTUATION);
      expect(/data-testid="new-term">([^<]+)</.exec(quote.html)![1]).toBe('Tue, 1 December 2026 – Tue, 30 November 2027');
      expect(/data-testid="resume-deadline">([^<]+)</.exec(quote.html)![1]).toBe('Tue, 31 July 2029, 15:00 Japan time');
      expect(quote.text).toContain('Fri, 31 July 2026');
      expect(quote.text).toMatch(/¥\d{1,3}(,\d{3})+/);
      expect(quote.text).toContain('9:30–12:00, 13:00–17:00');
      expect(quote.text).toContain('Credit card');
      expect(quote.html).toContain(`href="/renew?license=${encodeURIComponent(license.number)}&amp;lang=ja"`);
      expect(quote.html).toContain('action="/renew/order?lang=en"');

      const paid = await post('/renew/order?lang=en', withCard(formFields(quote.html)));
      expect(heading(paid)).toBe('Payment complete');
      expect(paid.text).not.toMatch(JAPANESE_PUNCTUATION);
      const again = await get(`/renew?license=${license.number}&lang=en`);
      expect(heading(again)).toBe('Your renewal is complete');
      expect(again.text).not.toMatch(JAPANESE_PUNCTUATION);
    });
  });
});
