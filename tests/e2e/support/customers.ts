import crypto from 'node:crypto';
import { startApp, type StartedApp } from './app';
import { issuePackage, jstDate, type Running } from './processes';

// Seed 003's several licenses of one customer, set up the way the vendor's desk does it (the admin CLI), and a
// renewal made on another device (the customer's other PC), through the service's own HTTP API.

export type IssuedPackage = { number: string; registrationNumber: string; installKey: string };

/**
 * A package license of sakura-kaikei (perpetual, line sakura-desktop) for a customer: the first one creates the
 * customer (`customer`), the others join it (`sameCustomerAs`).
 */
export function issueForCustomer(
  serviceDb: string,
  args: { start: string; end: string; product?: string } & ({ customer: string; email?: string } | { sameCustomerAs: string }),
): IssuedPackage {
  const who =
    'customer' in args
      ? { email: args.email, extra: ['--customer', args.customer] }
      : { extra: ['--same-customer-as', args.sameCustomerAs] };
  return issuePackage(serviceDb, {
    start: args.start,
    end: args.end,
    ...(args.product ? { product: args.product } : {}),
    ...who,
  });
}

async function post(serviceUrl: string, route: string, body: unknown, headers: Record<string, string> = {}): Promise<unknown> {
  const response = await fetch(`${serviceUrl}${route}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  const data = (await response.json()) as unknown;
  if (!response.ok) throw new Error(`${route}: HTTP ${response.status} ${JSON.stringify(data)}`);
  return data;
}

/** ユーザー登録 with the booklet's numbers, as the wizard would send it (a package license renews only registered). */
export async function registerPackage(serviceUrl: string, issued: IssuedPackage, product = 'sakura-kaikei'): Promise<void> {
  await post(serviceUrl, '/v1/registrations', {
    product,
    registrationNumber: issued.registrationNumber,
    installKey: issued.installKey,
    name: '山田 太郎',
    email: 'yamada@example.jp',
  });
}

/** The customer renews this license alone on its own PC: activation there, a 12-month quote, paid by the sandbox card. */
export async function renewOnOtherDevice(serviceUrl: string, number: string, product = 'sakura-kaikei'): Promise<void> {
  const device = crypto.createHash('sha256').update(`other-pc:${number}`).digest('hex');
  await post(serviceUrl, '/v1/activations', { licenseNumber: number, product, device, appVersion: '1.0.0' });
  const { quote } = (await post(serviceUrl, '/v1/quotes', { licenseNumber: number, device, months: 12, options: [] })) as {
    quote: { id: string };
  };
  const { order } = (await post(
    serviceUrl,
    '/v1/orders',
    {
      licenseNumber: number,
      device,
      quoteId: quote.id,
      method: 'card',
      card: { number: '4242 4242 4242 4242', expiry: '12/29' },
    },
    { 'idempotency-key': crypto.randomUUID() },
  )) as { order: { state: string } };
  if (order.state !== 'paid') throw new Error(`the renewal of ${number} is ${order.state}`);
}

/** The last group of a license number: all the service signs of another license, and what the app shows of it. */
export function lastGroup(number: string): string {
  return number.split('-').at(-1)!;
}

/**
 * One customer with two registered package licenses of the line, both running: this device's ends in 40 days (its
 * renewal window is open), the other in 100. The app is started with none activated.
 */
export async function startWithTwoLicenses(
  running: Running[],
): Promise<StartedApp & { mine: IssuedPackage; other: IssuedPackage }> {
  const s = await startApp(running, { license: null });
  const mine = issueForCustomer(s.serviceDb, {
    start: jstDate(-300),
    end: jstDate(40),
    customer: '株式会社さくら商事',
    email: 'kanri@sakura-shoji.example.jp',
  });
  const other = issueForCustomer(s.serviceDb, { start: jstDate(-300), end: jstDate(100), sameCustomerAs: mine.number });
  await registerPackage(s.serviceUrl, mine);
  await registerPackage(s.serviceUrl, other);
  return { ...s, mine, other };
}
