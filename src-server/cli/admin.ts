import { parseArgs } from 'node:util';
import { loadServerConfig } from '../config';
import { LicenseRepository } from '../licenses/license-repository';
import { openServerDatabase } from '../store/database';

// `npm run admin -- <command> [options]` — the vendor's desk tool. Works on the service's database directly
// (SQLite WAL lets it run beside a running service).
const USAGE = `usage: npm run admin -- <command> [options]
commands:
  issue --product CODE --edition package|download --kind perpetual|subscription|annual --start YYYY-MM-DD --end YYYY-MM-DD [--json]
      creates a license and prints its number
  show --number XXXX-XXXX-XXXX-XXXX
options:
  --db PATH   the service database (default: LICENSE_SERVICE_DB or var/server/license-service.sqlite)`;

function fail(message: string): never {
  process.stderr.write(`${message}\n\n${USAGE}\n`);
  process.exit(2);
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function main(): void {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      db: { type: 'string' },
      product: { type: 'string' },
      edition: { type: 'string' },
      kind: { type: 'string' },
      start: { type: 'string' },
      end: { type: 'string' },
      number: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  const config = loadServerConfig(process.env, values.db ? { dbPath: values.db } : {});
  const db = openServerDatabase(config.dbPath);
  const licenses = new LicenseRepository(db);
  try {
    switch (positionals[0]) {
      case 'issue': {
        const { product, edition, kind, start, end } = values;
        if (!product) fail('issue: --product is required');
        if (edition !== 'package' && edition !== 'download') fail('issue: --edition must be package or download');
        if (kind !== 'perpetual' && kind !== 'subscription' && kind !== 'annual') fail('issue: --kind must be perpetual, subscription or annual');
        if (!start || !DATE.test(start) || !end || !DATE.test(end) || start > end) fail('issue: --start and --end must be dates, start <= end');
        const row = licenses.create({ product, edition, kind, termStart: start, termEnd: end }, new Date().toISOString());
        process.stdout.write(values.json ? `${JSON.stringify(row)}\n` : `${row.number}\n`);
        break;
      }
      case 'show': {
        const row = values.number ? licenses.findByNumber(values.number) : null;
        if (!row) fail('show: no such license');
        process.stdout.write(`${JSON.stringify(row, null, 2)}\n`);
        break;
      }
      default:
        fail(positionals[0] ? `unknown command: ${positionals[0]}` : 'no command given');
    }
  } finally {
    db.close();
  }
}

main();
