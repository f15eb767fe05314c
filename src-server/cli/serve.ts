import { loadServerConfig } from '../config';
import { startLicenseServer } from '../server';

// `npm run server` — runs the license service alone. Port, database and key come from LICENSE_SERVICE_* or a
// JSON file named by LICENSE_SERVICE_CONFIG. The first line on stdout is machine-readable for test harnesses.
async function main(): Promise<void> {
  const config = loadServerConfig();
  const server = await startLicenseServer(config, { logger: process.env.LICENSE_SERVICE_LOG !== '0' });
  process.stdout.write(
    `${JSON.stringify({ listening: server.url, mode: config.mode, demo: config.demo, db: config.databaseUrl ? 'postgresql' : config.dbPath })}\n`,
  );
  if (config.demo)
    process.stderr.write(
      '*** DEMO MODE: the service clock can be moved with "npm run admin -- clock"; never use this for real customers ***\n',
    );
  const stop = () => void server.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`license service failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
