import { type ServerConfig } from './config';
import { type SigningKey } from './keys/signing-key';
import { type LicenseRepository } from './licenses/license-repository';
import { type ServerDatabase } from './store/database';

/** Everything a route needs, built once at start. `clock` is injectable so tests can pin time. */
export type ServiceContext = {
  config: ServerConfig;
  db: ServerDatabase;
  key: SigningKey;
  licenses: LicenseRepository;
  clock: () => Date;
};
