import { type Catalog } from '../src-shared/catalog';
import { type Clock } from './clock';
import { type ServerConfig } from './config';
import { type CustomerRepository } from './customers/customer-repository';
import { type SigningKey } from './keys/signing-key';
import { type LicenseRepository } from './licenses/license-repository';
import { type MailTransport } from './mail/mail-transport';
import { type TrialRepository } from './licenses/trial-repository';
import { type OrderRepository } from './renewals/order-repository';
import { type QuoteRepository } from './renewals/quote-repository';
import { type ReminderRepository } from './renewals/reminder-repository';
import { type ServerDatabase } from './store/database';

/** Everything a route needs, built once at start. `clock` is injectable so tests can pin time. */
export type ServiceContext = {
  config: ServerConfig;
  db: ServerDatabase;
  key: SigningKey;
  catalog: Catalog;
  licenses: LicenseRepository;
  trials: TrialRepository;
  quotes: QuoteRepository;
  reminders: ReminderRepository;
  customers: CustomerRepository;
  orders: OrderRepository;
  mail: MailTransport;
  clock: Clock;
};
