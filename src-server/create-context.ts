import { loadCatalog } from './catalog/load-catalog';
import { type Clock, serviceClock } from './clock';
import { type ServerConfig } from './config';
import { CustomerRepository } from './customers/customer-repository';
import { loadSigningKey } from './keys/signing-key';
import { LicenseRepository } from './licenses/license-repository';
import { TrialRepository } from './licenses/trial-repository';
import { createMailTransport } from './mail/create-mail-transport';
import { OrderRepository } from './renewals/order-repository';
import { QuoteRepository } from './renewals/quote-repository';
import { ReminderRepository } from './renewals/reminder-repository';
import { type ServiceContext } from './service-context';
import { openStore, type PostgresAdapter } from './store/open-store';

/**
 * The service's context from its configuration: catalog, signing key, store and repositories. The HTTP service, the
 * admin CLI and every validation worker build their own (each its own database connection).
 */
export async function createContext(
  config: ServerConfig,
  clock?: Clock,
  loadPostgres?: () => Promise<PostgresAdapter>,
): Promise<ServiceContext> {
  const catalog = loadCatalog(config.catalogPath);
  const key = loadSigningKey({
    keyPath: config.keyPath,
    generateIfMissing: config.mode === 'development',
    publishPublicKeyTo: config.mode === 'development' ? config.publishPublicKeyTo : null,
  });
  const store = await openStore(config, loadPostgres);
  const serviceTime = serviceClock(store.session, config.demo, clock);
  await serviceTime.refresh();
  return {
    config,
    store,
    key,
    catalog,
    licenses: new LicenseRepository(store),
    trials: new TrialRepository(store),
    quotes: new QuoteRepository(store),
    reminders: new ReminderRepository(store),
    customers: new CustomerRepository(store),
    orders: new OrderRepository(store),
    mail: createMailTransport(config),
    clock: serviceTime.clock,
    refreshClock: serviceTime.refresh,
  };
}
