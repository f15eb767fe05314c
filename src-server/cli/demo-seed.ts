import crypto from 'node:crypto';
import { findProduct } from '../../src-shared/catalog';
import { addDays, jstDateOf, lastDayOfMonth } from '../../src-shared/licensing';
import { issueLicense } from '../licenses/license-issuer';
import { createQuote } from '../renewals/quote-service';
import { type ServiceContext } from '../service-context';

const device = (name: string) => crypto.createHash('sha256').update(`demo-device:${name}`).digest('hex');

/**
 * Demo data: one license in each state worth showing, dated relative to the service's clock. Prints a table of
 * license numbers and what each demonstrates. Demo devices are hashes of fixed names ('demo-device:<name>').
 */
export async function seedDemo(ctx: ServiceContext): Promise<string> {
  const nowIso = ctx.clock().toISOString();
  const today = jstDateOf(nowIso);
  const rows: { number: string; what: string; product: string }[] = [];
  const customer = await ctx.customers.create(
    { name: 'デモ商事株式会社', email: 'demo@example.jp', yearlyApplications: 42, newAdditionalApplications: 3 },
    nowIso,
  );
  const add = async (what: string, input: Parameters<typeof issueLicense>[1]) => {
    const issued = await issueLicense(ctx, { customerId: customer.id, ...input });
    if (issued.registration) await ctx.licenses.register(issued.license.id, 'デモ 太郎', 'demo@example.jp', nowIso);
    rows.push({ number: issued.license.number, what, product: issued.license.product });
    return issued.license;
  };

  await add('active (package, 200 days left)', {
    product: 'sakura-kaikei',
    edition: 'package',
    start: addDays(today, -165),
    end: addDays(today, 200),
  });
  await add('renewal window open (package, 40 days left)', {
    product: 'sakura-kaikei',
    edition: 'package',
    start: addDays(today, -325),
    end: addDays(today, 40),
  });
  await add('expired, renewable in the app (package: starts with 今スグ更新する)', {
    product: 'sakura-kaikei',
    edition: 'package',
    start: addDays(today, -400),
    end: addDays(today, -35),
  });
  await add('expired download edition (does not start: 更新申込Webページへ)', {
    product: 'sakura-kaikei',
    edition: 'download',
    start: addDays(today, -400),
    end: addDays(today, -35),
  });
  await add('support ended 2 months ago, resumable (modelling tool)', {
    product: 'model-studio',
    edition: 'download',
    start: addDays(today, -425),
    end: addDays(today, -60),
  });
  await add('support ended 4 years ago, past the resumption deadline', {
    product: 'model-studio',
    edition: 'download',
    start: addDays(today, -1825),
    end: addDays(today, -1460),
  });
  await add('annual license ended (repurchase only)', {
    product: 'model-studio-annual',
    edition: 'download',
    start: addDays(today, -380),
    end: addDays(today, -15),
  });
  const trial = await add('trial (tax-free terminal, 12 days left)', {
    product: 'menzei-terminal',
    edition: 'download',
    start: addDays(today, -18),
    end: addDays(today, 12),
    trial: true,
  });
  await ctx.trials.record({ device: device('trial'), product: trial.product, licenseId: trial.id, acceptedAt: nowIso });
  const moved = await add('moved: activated on device B, device A answers "moved"', {
    product: 'menzei-terminal',
    edition: 'download',
    start: addDays(today, -30),
    end: addDays(today, 335),
  });
  await ctx.licenses.bindDevice(moved.id, device('A'), '1.0.0', nowIso);
  await ctx.licenses.bindDevice(moved.id, device('B'), '1.0.0', nowIso);
  const revoked = await add('revoked by the vendor', {
    product: 'sakura-kaikei',
    edition: 'package',
    start: addDays(today, -100),
    end: addDays(today, 265),
  });
  await ctx.licenses.setState(revoked.id, 'revoked', nowIso);
  const unpaid = await add('previous renewal unpaid (bank transfer pending)', {
    product: 'sakura-kaikei',
    edition: 'package',
    start: addDays(today, -330),
    end: addDays(today, 35),
  });
  // A real quote (the renewal window is open), ordered by bank transfer and not paid.
  const quote = await createQuote(ctx, (await ctx.licenses.findById(unpaid.id))!, 12, []);
  await ctx.orders.insert(
    {
      id: crypto.randomUUID(),
      licenseId: unpaid.id,
      quoteId: quote.id,
      idempotencyKey: `demo:${unpaid.id}`,
      requestHash: 'demo',
      method: 'bank-transfer',
      state: 'pending',
      amountYen: quote.totalYen,
      months: 12,
      options: [],
      termStart: quote.term.start,
      termEnd: quote.term.end,
      dueOn: addDays(today, 10),
      placedOnTermEnd: unpaid.termEnd,
      response: { status: 201, body: null },
      createdAt: nowIso,
    },
    nowIso,
  );
  await add('application-support system, seed-004 options (42 applications this year)', {
    product: 'shinsei-shien',
    edition: 'package',
    start: addDays(today, -700),
    end: addDays(today, 30),
    installedOn: addDays(today, -700),
  });
  rows.push(...(await seedSeveralLicenses(ctx, today, nowIso)));
  return [rows.map((r) => `${r.number}\t${r.what}`).join('\n'), howToStart(ctx, rows)].join('\n\n');
}

/** The last day of the month `offset` months from `today`'s month (seed 003 terms end on a month end). */
function monthEnd(today: string, offset: number): string {
  const index = Number(today.slice(0, 4)) * 12 + Number(today.slice(5, 7)) - 1 + offset;
  return lastDayOfMonth(Math.floor(index / 12), (index % 12) + 1);
}

/**
 * Seed 003, several licenses of one customer: three modelling-tool licenses bought at different times. The first
 * ended last month and was not renewed, so the other two are suspended from the 1st of this month; renewing them
 * together (co-terming) lifts it. The customer has a license administrator, who gets the reminders.
 */
async function seedSeveralLicenses(
  ctx: ServiceContext,
  today: string,
  nowIso: string,
): Promise<{ number: string; what: string; product: string }[]> {
  const customer = await ctx.customers.create({ name: '株式会社デモ設計', email: 'sekkei@example.jp' }, nowIso);
  await ctx.customers.setAdministratorEmail(customer.id, 'license-admin@example.jp');
  const terms = [
    { start: addDays(monthEnd(today, -12), 1), end: monthEnd(today, -1), what: 'ended last month, not renewed' },
    { start: addDays(monthEnd(today, -9), 1), end: monthEnd(today, 3), what: 'suspended by the first' },
    { start: addDays(monthEnd(today, -4), 1), end: monthEnd(today, 8), what: 'suspended by the first' },
  ];
  const rows = [];
  for (const term of terms) {
    const { license } = await issueLicense(ctx, {
      product: 'model-studio',
      edition: 'download',
      start: term.start,
      end: term.end,
      customerId: customer.id,
    });
    rows.push({
      number: license.number,
      what: `customer with 3 licenses (seed 003): support ${term.start}..${term.end}, ${term.what}; renew together from any`,
      product: license.product,
    });
  }
  return rows;
}

/** For each seeded product: how to start the desktop app as that product, and which license numbers to type. */
function howToStart(ctx: ServiceContext, rows: { number: string; what: string; product: string }[]): string {
  const products = [...new Set(rows.map((r) => r.product))];
  const sections = products.map((code) => {
    const numbers = rows.filter((r) => r.product === code).map((r) => `    type ${r.number} into ライセンス認証 (${r.what})`);
    return [
      `${code} (${findProduct(ctx.catalog, code).name})`,
      `  browser host:           npm run start:browser -- --product ${code}`,
      `  Electron (development): APP_PRODUCT=${code} npm start`,
      ...numbers,
    ].join('\n');
  });
  return ['How to start the desktop app as each seeded product:', ...sections].join('\n\n');
}
