import { createRequire } from 'node:module';
import { parentPort, workerData } from 'node:worker_threads';
import { asDomainError } from '../domain/rules-errors';
import { validationAnswerJson } from '../http/validation-answer';
import { createContext } from '../create-context';
import { type ServiceContext } from '../service-context';
import { type PostgresAdapter } from '../store/open-store';
import { type PostgresStore } from '../store/postgres/postgres-store';
import {
  CLOSE,
  type ValidationJob,
  type ValidationOutcome,
  type ValidationWorkerData,
  type WorkerLogLine,
  type WorkerStarted,
} from './worker-messages';

/**
 * Node 20 runs no module hooks in a worker thread, so this thread has tsx's CommonJS hook only (see
 * validation-workers.ts) and an `import()` of TypeScript would fail: the PostgreSQL adapter is required instead,
 * still only when the service runs on PostgreSQL.
 */
const loadPostgres = (): Promise<PostgresAdapter> => {
  const adapter = createRequire(__filename)('../store/postgres/postgres-store') as { PostgresStore: typeof PostgresStore };
  const open = (url: string) => adapter.PostgresStore.open(url, { maxConnections: WORKER_CONNECTIONS });
  return Promise.resolve({ PostgresStore: { open } });
};

/** An Error does not cross threads whole: its name, message, stack and own plain fields (a driver's `code`) do. */
function cloneable(fields: Record<string, unknown>): Record<string, unknown> {
  const { err, ...rest } = fields;
  if (!(err instanceof Error)) return fields;
  const own = Object.entries(err).filter(([, value]) => value === null || typeof value !== 'object');
  return { ...rest, err: { ...Object.fromEntries(own), type: err.name, message: err.message, stack: err.stack } };
}

/** Each worker's own PostgreSQL pool stays small: an instance opens 10 + 4 × workers connections at most. */
const WORKER_CONNECTIONS = 4;

/**
 * The lines one validation logs, passed back with its outcome. A class, not an object literal with an arrow: the
 * service runs through tsx, which names every such arrow when it is made, on every validation.
 */
class LogLines {
  readonly lines: WorkerLogLine[] = [];
  warn(fields: Record<string, unknown>, message: string): void {
    this.lines.push({ fields: cloneable(fields), message });
  }
}

/** validateDevice on this thread's own connection; every ending is a message, nothing is thrown across. */
async function answer(ctx: ServiceContext, job: ValidationJob): Promise<ValidationOutcome> {
  const log = new LogLines();
  const logs = log.lines;
  try {
    // The demo clock's offset may have moved since the last request (the admin CLI sets it in the database).
    if (ctx.config.demo) await ctx.refreshClock();
    return { id: job.id, logs, answer: await validationAnswerJson(ctx, job.body, log, 'this-thread') };
  } catch (error) {
    const refusal = asDomainError(error);
    if (refusal) return { id: job.id, logs, refusal: refusal.body.error };
    return { id: job.id, logs, failure: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
}

/**
 * A validation worker (src-server/validation/validation-workers.ts starts them): its own service context on the
 * same database and key (the public key is never written from here). Jobs run as they arrive, interleaved at their
 * awaits like requests on any event loop; each is answered with one message.
 */
async function main(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('validation-worker.ts runs as a worker thread only');
  const { config } = workerData as ValidationWorkerData;
  let ctx: ServiceContext;
  try {
    ctx = await createContext({ ...config, publishPublicKeyTo: null, validationWorkers: 0 }, undefined, loadPostgres);
  } catch (error) {
    port.postMessage({ ready: false, reason: error instanceof Error ? error.message : String(error) } satisfies WorkerStarted);
    return;
  }
  port.on('message', (message: ValidationJob | typeof CLOSE) => {
    if (message === CLOSE) {
      void ctx.store.close().finally(() => port.close());
      return;
    }
    void answer(ctx, message).then((outcome) => {
      try {
        port.postMessage(outcome);
      } catch {
        // A log line that cannot be cloned must not cost the answer (nor this thread); say that lines were dropped.
        const dropped = { fields: { lines: outcome.logs.length }, message: 'validation worker log lines could not be passed on' };
        port.postMessage({ ...outcome, logs: [dropped] });
      }
    });
  });
  port.postMessage({ ready: true } satisfies WorkerStarted);
}

void main();
