import { type Catalog } from '../src-shared/catalog';
import { type Clock } from './clock';
import { type ServerConfig } from './config';
import { type CustomerRepository } from './customers/customer-repository';
import { type SigningKey } from './keys/signing-key';
import { type LicenseRepository } from './licenses/license-repository';
import { type MailTransport } from './mail/mail-transport';
import { type OrderRepository } from './renewals/order-repository';
import { type ServerDatabase } from './store/database';

/** Everything a route needs, built once at start. `clock` is injectable so tests can pin time. */
export type ServiceContext = {
  config: ServerConfig;
  db: ServerDatabase;
  key: SigningKey;
  catalog: Catalog;
  licenses: LicenseRepository;
  customers: CustomerRepository;
  orders: OrderRepository;
  mail: MailTransport;
  clock: Clock;
};
