import { parseArgs } from 'node:util';
import { type Edition, isCalendarDate } from '../../src-shared/licensing';
import { RegistrationRequestSchema } from '../../src-shared/contracts/http';
import { parseLicenseNumber } from '../../src-shared/contracts/license-number';
import { moveDemoClock, serviceClock } from '../clock';
import { loadServerConfig } from '../config';
import { issueLicense } from '../licenses/license-issuer';
import { readOutbox } from '../mail/outbox-transport';
import { lapseOverdueOrders } from '../renewals/lapse';
import { sendDueReminders } from '../renewals/reminders';
import { clearOrder, confirmTransfer, recordRefund } from '../renewals/transfer-confirmation';
import { parseYen } from '../renewals/yen-amount';
import { createContext } from '../create-context';
import { type ServiceContext } from '../service-context';
import { lastServiceRun } from '../store/service-run';
import { seedDemo } from './demo-seed';

// `npm run admin -- <command> [options]` — the vendor's desk tool. It works on the service's database directly
// (SQLite WAL, or PostgreSQL, lets it run beside running services) with the same rules the service applies.
const USAGE = `usage: npm run admin -- <command> [options]
commands:
  issue --product CODE --edition package|download [--start YYYY-MM-DD] [--end YYYY-MM-DD | --months N]
        [--customer NAME] [--email ADDRESS | --same-customer-as NUMBER] [--json]
                          create a license; prints its number (and, for a package, registration number and install key);
                          --same-customer-as adds it to the customer of an existing license (seed 003: several licenses)
  list                    all licenses, one line each
  show --number N         one license with its orders and each order's payments ledger, its customer and the
                          customer's other licenses
  set-administrator --number N --email ADDRESS
                          the license administrator (ライセンス管理者) of the license's customer: renewal reminders go there
  confirm-transfer --order ID --amount YEN [--received-on YYYY-MM-DD]
                          record money received for a bank or account transfer (on the day it arrived; default today);
                          every receipt is its own ledger row and the order's received amount is their sum
  refund --order ID --amount YEN [--received-on YYYY-MM-DD]
                          record money paid back to the customer (its own ledger row; the order's state is unchanged)
  clear-order --order ID --note TEXT
                          support settled a lapsed or needs-support order: it no longer blocks the next renewal
  revoke --number N       stop a license (vendor decision)
  cancel --number N       stop a license (customer cancelled, 解約)
  auto-renew --number N --on|--off
  applications --number N --yearly N --new N
                          seed-004 application counts of the license's customer
  clock --advance-days N  DEMO MODE ONLY: move the service's clock forward (allowed when the service last started on
                          this database in demo mode, or with LICENSE_SERVICE_DEMO=1 before any service started on it)
  send-reminders          send the renewal reminder mails due today (the service also does this hourly)
  seed-demo               DEMO: licenses in every interesting state (prints a table)
  outbox                  mails written to the outbox folder
options:
  --db PATH   the service's SQLite file (default: LICENSE_SERVICE_DB or var/server/license-service.sqlite);
              with LICENSE_SERVICE_DATABASE_URL set, the CLI works on that PostgreSQL database instead`;

class UsageError extends Error {}
const need = (value: string | undefined, what: string): string => {
  if (!value) throw new UsageError(`${what} is required`);
  return value;
};
const yen = (value: string | undefined, what: string): number => {
  const parsed = parseYen(need(value, what));
  if (!parsed.ok) throw new UsageError(`${what}: ${parsed.message}`);
  return parsed.yen;
};
const calendarDate = (value: string | undefined, what: string): string | undefined => {
  if (value !== undefined && !isCalendarDate(value))
    throw new UsageError(`${what} must be a real calendar date YYYY-MM-DD, got ${JSON.stringify(value)}`);
  return value;
};
const wholeNumber = (value: string | undefined, what: string, min: number, max: number): number | undefined => {
  if (value === undefined) return undefined;
  if (!/^[0-9]{1,6}$/.test(value) || Number(value) < min || Number(value) > max)
    throw new UsageError(`${what} must be a whole number from ${min} to ${max}, got ${JSON.stringify(value)}`);
  return Number(value);
};

async function licenseByNumber(ctx: ServiceContext, input: string | undefined) {
  const number = parseLicenseNumber(need(input, '--number'));
  const license = number.ok ? await ctx.licenses.findByNumber(number.value) : null;
  if (!license) throw new UsageError(`no license ${input}`);
  return license;
}

/** The customer of an existing license, for a license bought in addition (seed 003). */
async function existingCustomerOf(ctx: ServiceContext, number: string) {
  const license = await licenseByNumber(ctx, number);
  const customer = license.customerId ? await ctx.customers.find(license.customerId) : null;
  if (!customer) throw new UsageError(`license ${license.number} has no customer to add a license to`);
  return customer;
}

/** An e-mail address as the service accepts one anywhere (the registration form's schema), or undefined. */
function emailAddress(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const parsed = RegistrationRequestSchema.shape.email.safeParse(value.normalize('NFKC').trim());
  if (!parsed.success) throw new UsageError(`--email must be an e-mail address, got ${JSON.stringify(value)}`);
  return parsed.data;
}

async function run(
  ctx: ServiceContext,
  command: string | undefined,
  values: Record<string, string | boolean | undefined>,
): Promise<string> {
  const str = (name: string) => values[name] as string | undefined;
  const nowIso = ctx.clock().toISOString();
  await lapseOverdueOrders(ctx); // what the desk sees is today's state
  switch (command) {
    case 'issue': {
      const edition = str('edition');
      if (edition !== 'package' && edition !== 'download') throw new UsageError('--edition must be package or download');
      const start = calendarDate(str('start'), '--start');
      const end = calendarDate(str('end'), '--end');
      const months = wholeNumber(str('months'), '--months', 1, 120);
      if (start && end && end < start) throw new UsageError(`--end ${end} is before --start ${start}`);
      const sameAs = str('same-customer-as');
      if (sameAs && (str('customer') || str('email')))
        throw new UsageError('--same-customer-as adds the license to an existing customer: leave out --customer and --email');
      const customer = sameAs
        ? await existingCustomerOf(ctx, sameAs)
        : str('customer')
          ? await ctx.customers.create({ name: str('customer')!, email: emailAddress(str('email')) ?? null }, nowIso)
          : null;
      const issued = await issueLicense(ctx, {
        product: need(str('product'), '--product'),
        edition: edition as Edition,
        ...(start ? { start } : {}),
        ...(end ? { end } : {}),
        ...(months !== undefined ? { months } : {}),
        customerId: customer?.id ?? null,
      });
      if (values.json) return JSON.stringify(issued);
      const reg = issued.registration;
      return reg
        ? `${issued.license.number}\n製品登録番号 ${reg.registrationNumber}\nインストールキー ${reg.installKey}`
        : issued.license.number;
    }
    case 'list':
      return (await ctx.licenses.list())
        .map((l) =>
          [
            l.number,
            l.product,
            l.edition,
            l.kind,
            `${l.termStart}..${l.termEnd}`,
            l.state,
            l.trial ? 'trial' : '',
            l.autoRenew ? 'auto-renew' : '',
            l.device ? 'bound' : 'unbound',
          ].join('\t'),
        )
        .join('\n');
    case 'show': {
      const license = await licenseByNumber(ctx, str('number'));
      const orders = [];
      for (const { response: _r, requestHash: _h, ...o } of await ctx.orders.forLicense(license.id))
        orders.push({ ...o, payments: await ctx.orders.paymentsFor(o.id) });
      const customer = license.customerId ? await ctx.customers.find(license.customerId) : null;
      const others = customer ? (await ctx.licenses.ofCustomer(customer.id)).filter((l) => l.id !== license.id) : [];
      return JSON.stringify({ license, customer, otherLicenses: others, orders }, null, 2);
    }
    case 'set-administrator': {
      const license = await licenseByNumber(ctx, str('number'));
      const email = emailAddress(need(str('email'), '--email'))!;
      if (!license.customerId) throw new UsageError(`license ${license.number} has no customer; issue it with --customer first`);
      await ctx.customers.setAdministratorEmail(license.customerId, email);
      return `${license.number}\tlicense administrator ${email}`;
    }
    case 'confirm-transfer': {
      const result = await confirmTransfer(
        ctx,
        need(str('order'), '--order'),
        yen(str('amount'), '--amount'),
        calendarDate(str('received-on'), '--received-on'),
      );
      return `${result.order.id}\t${result.outcome}${result.reason ? `\t${result.reason}` : ''}\t${result.order.termStart ?? ''}..${result.order.termEnd ?? ''}`;
    }
    case 'refund': {
      const order = await recordRefund(
        ctx,
        need(str('order'), '--order'),
        yen(str('amount'), '--amount'),
        calendarDate(str('received-on'), '--received-on'),
      );
      return `${order.id}\t${order.state}\treceived in all ¥${order.receivedYen ?? 0} of ¥${order.amountYen}`;
    }
    case 'clear-order': {
      const order = await clearOrder(ctx, need(str('order'), '--order'), need(str('note'), '--note'));
      return `${order.id}\t${order.state}\tcleared ${order.clearedAt ?? ''}`;
    }
    case 'revoke':
    case 'cancel': {
      const license = await licenseByNumber(ctx, str('number'));
      await ctx.licenses.setState(license.id, command === 'revoke' ? 'revoked' : 'cancelled', nowIso);
      return `${license.number}\t${command === 'revoke' ? 'revoked' : 'cancelled'}`;
    }
    case 'auto-renew': {
      const license = await licenseByNumber(ctx, str('number'));
      await ctx.licenses.setAutoRenew(license.id, values.on === true, nowIso);
      return `${license.number}\tauto-renew ${values.on === true ? 'on' : 'off'}`;
    }
    case 'applications': {
      const license = await licenseByNumber(ctx, str('number'));
      if (!license.customerId) throw new UsageError('the license has no customer');
      await ctx.customers.setApplications(license.customerId, Number(str('yearly') ?? 0), Number(str('new') ?? 0));
      return `${license.number}\tyearly ${str('yearly') ?? 0}\tnew ${str('new') ?? 0}`;
    }
    case 'clock': {
      const days = wholeNumber(need(str('advance-days'), '--advance-days'), '--advance-days', 1, 3650)!;
      const run = await lastServiceRun(ctx.store.session);
      if (run && !run.demo)
        throw new UsageError(
          `clock: this database belongs to a service that runs in ${run.mode} mode without demo mode (started ${run.startedAt}); a real service never moves its clock`,
        );
      if (!run && !ctx.config.demo)
        throw new UsageError('clock: only in demo mode (start the service with LICENSE_SERVICE_DEMO=1 on this database first)');
      const offset = await moveDemoClock(ctx.store.session, days * 86_400_000);
      return `DEMO CLOCK: ${new Date(Date.now() + offset).toISOString()} (offset ${offset / 86_400_000} days)`;
    }
    case 'send-reminders':
      return `${await sendDueReminders(ctx)} reminder mail(s) sent`;
    case 'seed-demo':
      return seedDemo(ctx);
    case 'outbox':
      return readOutbox(ctx.config.outboxPath)
        .map((m) => `${m.createdAt}\t${m.kind}\t${m.to}\t${m.subject}`)
        .join('\n');
    default:
      throw new UsageError(command ? `unknown command: ${command}` : 'no command given');
  }
}

function report(error: unknown): void {
  process.stderr.write(
    `${error instanceof Error ? error.message : String(error)}\n${error instanceof UsageError ? `\n${USAGE}\n` : ''}`,
  );
  process.exitCode = error instanceof UsageError ? 2 : 1;
}

function commandLine() {
  try {
    return parseCommandLine();
  } catch (error) {
    // node:util's own refusals (an unknown option, a missing value) are usage errors too.
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

function parseCommandLine() {
  return parseArgs({
    allowPositionals: true,
    options: {
      db: { type: 'string' },
      product: { type: 'string' },
      edition: { type: 'string' },
      start: { type: 'string' },
      end: { type: 'string' },
      months: { type: 'string' },
      customer: { type: 'string' },
      email: { type: 'string' },
      'same-customer-as': { type: 'string' },
      number: { type: 'string' },
      order: { type: 'string' },
      amount: { type: 'string' },
      yearly: { type: 'string' },
      new: { type: 'string' },
      'advance-days': { type: 'string' },
      'received-on': { type: 'string' },
      note: { type: 'string' },
      on: { type: 'boolean' },
      off: { type: 'boolean' },
      json: { type: 'boolean', default: false },
    },
  });
}

async function main(): Promise<void> {
  let parsed;
  try {
    parsed = commandLine();
  } catch (error) {
    report(error);
    return;
  }
  const { positionals, values } = parsed;
  const config = loadServerConfig(process.env, { ...(values.db ? { dbPath: values.db } : {}), publishPublicKeyTo: null });
  let ctx: ServiceContext;
  try {
    ctx = await createContext(config);
  } catch (error) {
    report(error);
    return;
  }
  try {
    // A database whose service runs in demo mode is worked on with that service's (moved) clock.
    if (!config.demo && (await lastServiceRun(ctx.store.session))?.demo) {
      const demoClock = serviceClock(ctx.store.session, true);
      await demoClock.refresh();
      ctx.clock = demoClock.clock;
    }
    process.stdout.write(`${await run(ctx, positionals[0], values)}\n`);
  } catch (error) {
    report(error);
  } finally {
    await ctx.store.close();
  }
}

void main();
