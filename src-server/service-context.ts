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
import { type Store } from './store/store';

/** Everything a route needs, built once at start. `clock` is injectable so tests can pin time. */
export type ServiceContext = {
  config: ServerConfig;
  /** The database (SQLite or PostgreSQL); units of work run in `store.withTransaction`. */
  store: Store;
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
  /** Reads the demo clock's offset from the database (a no-op outside demo mode); run before each request. */
  refreshClock: () => Promise<void>;
};
