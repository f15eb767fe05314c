import { findProduct, launchPolicyFor, supportContactFor, termRulesFor } from '../../src-shared/catalog';
import { maskLicenseNumber } from '../../src-shared/contracts/license-number';
import { addDays, jstDateOf, REMINDER_NOTICE_CODES, renewalWindowOpens } from '../../src-shared/licensing';
import { type FastifyBaseLogger } from 'fastify';
import { type Customer } from '../customers/customer-repository';
import { alignedWith } from '../licenses/customer-support';
import { type LicenseRow } from '../licenses/license-repository';
import { MAIL_KINDS, renewalReminderMail } from '../mail/templates';
import { type ServiceContext } from '../service-context';
import { lapseOverdueOrders } from './lapse';

type Variant = (typeof REMINDER_NOTICE_CODES)[number];

/** The day each reminder becomes due (SPEC §3): the renewal window's opening day, and 20 days before the end. */
export function reminderDates(ctx: ServiceContext, license: LicenseRow): { variant: Variant; on: string }[] {
  const policy = launchPolicyFor(ctx.catalog, license.product, license.edition);
  const wanted = policy.reminders ?? [...REMINDER_NOTICE_CODES];
  const rules = termRulesFor(ctx.catalog, license.product, license.edition);
  return wanted.map((variant) => ({
    variant,
    on: variant === 'reminder-2-months' ? renewalWindowOpens(rules, license.termEnd) : addDays(license.termEnd, -20),
  }));
}

/**
 * Who gets a license's reminders (seed 003 「ライセンス管理者宛にメールを送付いたします。パッケージ購入されたお客様は、
 * ユーザー登録されている場合のみメールを送付できます」): the customer's license administrator, and the registered user
 * of a registered package; both when both exist, once per address. Without either, the customer's own address, as
 * before administrators existed.
 */
export async function reminderRecipients(ctx: ServiceContext, license: LicenseRow, customer: Customer | null): Promise<string[]> {
  const named = [customer?.administratorEmail ?? null, await ctx.licenses.registeredEmail(license.id)].filter(
    (address): address is string => !!address,
  );
  const addresses = named.length > 0 ? named : customer?.email ? [customer.email] : [];
  const seen = new Set<string>();
  return addresses.filter((address) => {
    const key = address.trim().toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** How many of the customer's perpetual licenses share this license's line and still belong to the customer. */
async function licensesInLine(ctx: ServiceContext, license: LicenseRow, customerId: string): Promise<number> {
  const all = await ctx.licenses.ofCustomer(customerId);
  const self = all.find((l) => l.id === license.id);
  return self ? alignedWith(ctx, self, all).length : 1;
}

/**
 * Sends the renewal reminders that are due today and were not sent for this term yet; returns how many went out.
 * Skips trials, auto-renewing licenses (the debit renews them) and licenses with a renewal already placed.
 * A mail is recorded only after it was handed to the transport, so a failure is retried on the next run.
 */
export async function sendDueReminders(ctx: ServiceContext, log: Pick<FastifyBaseLogger, 'error'> = console): Promise<number> {
  await lapseOverdueOrders(ctx);
  const today = jstDateOf(ctx.clock().toISOString());
  let sent = 0;
  for (const license of await ctx.licenses.list()) {
    if (license.state !== 'active' || license.trial || license.autoRenew || today > license.termEnd) continue;
    if (await ctx.orders.unsettledFor(license.id)) continue;
    const customer = license.customerId ? await ctx.customers.find(license.customerId) : null;
    const to = await reminderRecipients(ctx, license, customer);
    if (to.length === 0) continue;
    const due = [];
    for (const r of reminderDates(ctx, license))
      if (r.on <= today && !(await ctx.reminders.wasSent(license.id, license.termEnd, r.variant))) due.push(r);
    // Only the latest due reminder: a license first seen 10 days before its end gets one mail, not two.
    const reminder = due.sort((a, b) => (a.on < b.on ? -1 : 1)).at(-1);
    if (!reminder) continue;
    const product = findProduct(ctx.catalog, license.product);
    const policy = product.editions[license.edition]!.policy;
    const repurchase = license.kind === 'annual';
    const inLine = license.kind === 'perpetual' && customer ? await licensesInLine(ctx, license, customer.id) : 1;
    const mail = renewalReminderMail({
      variant: reminder.variant === 'reminder-2-months' ? 'two-months' : 'twenty-days',
      vendorName: ctx.catalog.vendor.name,
      customerName: customer?.name ?? null,
      productName: product.name,
      licenseNumberMasked: maskLicenseNumber(license.number),
      termEnd: license.termEnd,
      renewalUrl:
        policy.renewalWebPage && !repurchase ? `${ctx.config.publicUrl}${policy.renewalWebPage}?license=${license.number}` : null,
      productStopsAtEnd: license.kind !== 'perpetual',
      repurchase,
      support: supportContactFor(ctx.catalog, license.product, license.edition),
      licensesInLine: inLine,
    });
    try {
      // Recorded only when every address took it; a retry after a partial failure may repeat it to the others.
      for (const address of to) await ctx.mail.send({ to: address, ...mail, kind: MAIL_KINDS.renewalReminder });
    } catch (error) {
      // One bad address must not hold back everyone else's reminders; this one is retried next run.
      log.error({ err: error, licenseId: license.id }, 'reminder mail failed');
      continue;
    }
    const nowIso = ctx.clock().toISOString();
    for (const r of due) await ctx.reminders.recordSent(license.id, license.termEnd, r.variant, nowIso);
    sent += 1;
  }
  return sent;
}
