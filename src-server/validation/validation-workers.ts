import { createRequire } from 'node:module';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { SERVICE_ROOT } from '../config';
import { DomainError } from '../domain/domain-error';
import { type Validate } from '../http/route-options';
import { validationAnswerJson } from '../http/validation-answer';
import { type RenewalLog } from '../renewals/auto-renewal';
import { type ServiceContext } from '../service-context';
import {
  CLOSE,
  type ValidationJob,
  type ValidationOutcome,
  type ValidationWorkerData,
  type WorkerStarted,
} from './worker-messages';

const WORKER_FILE = path.join(SERVICE_ROOT, 'src-server/validation/validation-worker.ts');
/** How long a crashed worker's place stays empty (validations are answered in this process meanwhile)… */
const RESPAWN_DELAY_MS = 1_000;
/** …doubled after each replacement that could not start (the database briefly away), up to this. */
const RESPAWN_DELAY_MAX_MS = 30_000;
/** How long a closing worker may take to close its database before it is stopped. */
const CLOSE_WAIT_MS = 2_000;

/** The worker's entry: its TypeScript through tsx's CommonJS hook, as `npm run server` runs the service itself. */
function workerSource(): string {
  const tsx = createRequire(__filename).resolve('tsx/cjs/api');
  return `require(${JSON.stringify(tsx)}).register();\nrequire(${JSON.stringify(WORKER_FILE)});`;
}

type Slot = { worker: Worker; inFlight: Set<number> };
type Pending = { resolve: (answer: string) => void; reject: (error: Error) => void; log: RenewalLog; slot: Slot };
export type PoolLog = { error: (fields: Record<string, unknown>, message: string) => void };

/**
 * Validations answered on other cores (docs/decisions.md, "Validation workers"): each worker thread has its own
 * service context — its own database connection, catalog and key — and runs validateDevice, the very function the
 * service runs in-process. This thread keeps HTTP, the schemas and the rate limits; a job is the checked body, its
 * outcome an answer, a refusal (its stable code, mapped to HTTP here as any other) or a failure (500, logged).
 * A worker that dies fails only its own requests and is replaced; while none is running, this process answers.
 */
export class ValidationWorkers {
  private readonly slots: Slot[] = [];
  private readonly pending = new Map<number, Pending>();
  /** Workers being started (at first, or replacing one): close() waits for them too. */
  private readonly starting = new Set<Promise<void>>();
  private nextId = 1;
  private answeredCount = 0;
  private closing = false;
  private log: PoolLog = { error: (fields, message) => console.error(message, fields) };

  private constructor(private readonly ctx: ServiceContext) {}

  /** Starts `count` workers and resolves when every one has its database open; fails if any cannot start. */
  static async start(ctx: ServiceContext, count: number): Promise<ValidationWorkers> {
    const pool = new ValidationWorkers(ctx);
    try {
      await Promise.all(Array.from({ length: count }, () => pool.spawn()));
    } catch (error) {
      await pool.close();
      throw error;
    }
    return pool;
  }

  /** Where a lost worker is reported once the service has its logger. */
  reportTo(log: PoolLog): void {
    this.log = log;
  }

  /** How many validations the workers have answered (refusals included), for monitoring and tests. */
  get answered(): number {
    return this.answeredCount;
  }

  /** The worker threads answering now (a lost one is missing until its replacement has started). */
  get threads(): readonly Worker[] {
    return this.slots.map((slot) => slot.worker);
  }

  readonly validate: Validate = (body, log) => {
    const slot = this.leastBusy();
    if (!slot) return validationAnswerJson(this.ctx, body, log);
    const id = this.nextId++;
    return new Promise<string>((resolve, reject) => {
      this.pending.set(id, { resolve, reject, log, slot });
      slot.inFlight.add(id);
      slot.worker.postMessage({ id, body } satisfies ValidationJob);
    });
  };

  async close(): Promise<void> {
    this.closing = true;
    // A worker still starting closes itself once it is up (see spawn); wait for that too.
    await Promise.allSettled([...this.starting]);
    await Promise.all(
      [...this.slots].map(async ({ worker }) => {
        const exited = new Promise((resolve) => worker.once('exit', resolve));
        const stop = setTimeout(() => void worker.terminate(), CLOSE_WAIT_MS);
        worker.postMessage(CLOSE);
        await exited;
        clearTimeout(stop);
      }),
    );
  }

  private leastBusy(): Slot | undefined {
    let best: Slot | undefined;
    for (const slot of this.slots) if (!best || slot.inFlight.size < best.inFlight.size) best = slot;
    return best;
  }

  private spawn(): Promise<void> {
    const started = this.startWorker();
    this.starting.add(started);
    const done = () => void this.starting.delete(started);
    started.then(done, done);
    return started;
  }

  private startWorker(): Promise<void> {
    const workerData: ValidationWorkerData = { config: this.ctx.config };
    // No execArgv of this process: a launcher's loader flags (tsx) would register twice.
    const worker = new Worker(workerSource(), { eval: true, workerData, execArgv: [] });
    worker.unref();
    return new Promise((resolve, reject) => {
      const failed = (reason: string) => {
        void worker.terminate();
        reject(new Error(`a validation worker did not start: ${reason}`));
      };
      const onError = (error: Error) => failed(error.message);
      const onExit = (code: number) => failed(`it exited with code ${code}`);
      worker.once('error', onError);
      worker.once('exit', onExit);
      worker.once('message', (started: WorkerStarted) => {
        worker.off('error', onError);
        worker.off('exit', onExit);
        if (!started.ready) return failed(started.reason);
        // A worker that came up while the service was closing is closed at once, and close() waits for its exit.
        if (this.closing) {
          worker.once('exit', () => resolve());
          worker.postMessage(CLOSE);
          return;
        }
        const slot: Slot = { worker, inFlight: new Set() };
        this.slots.push(slot);
        worker.on('message', (outcome: ValidationOutcome) => this.settle(outcome));
        worker.on('error', (error: Error) => this.lost(slot, error.message));
        worker.on('exit', (code: number) => this.lost(slot, `it exited with code ${code}`));
        resolve();
      });
    });
  }

  private settle(outcome: ValidationOutcome): void {
    const pending = this.pending.get(outcome.id);
    if (!pending) return;
    this.pending.delete(outcome.id);
    pending.slot.inFlight.delete(outcome.id);
    this.answeredCount += 1;
    for (const line of outcome.logs) pending.log.warn(line.fields, line.message);
    if ('answer' in outcome) pending.resolve(outcome.answer);
    else if ('refusal' in outcome) {
      const { code, message, details } = outcome.refusal;
      pending.reject(new DomainError(code, message, details));
    } else pending.reject(new Error(`validation worker: ${outcome.failure}`));
  }

  /** A worker that died: its requests fail (500), its place is taken by a new one unless the service is closing. */
  private lost(slot: Slot, reason: string): void {
    const index = this.slots.indexOf(slot);
    if (index < 0) return;
    this.slots.splice(index, 1);
    for (const id of slot.inFlight) {
      const pending = this.pending.get(id);
      this.pending.delete(id);
      pending?.reject(new Error(`the validation worker stopped: ${reason}`));
    }
    if (this.closing) return;
    this.log.error({ reason }, 'a validation worker stopped; starting another');
    this.replace(RESPAWN_DELAY_MS);
  }

  /** Starts a worker in a lost one's place after `delay`, and keeps trying, each time waiting longer, until one is up. */
  private replace(delay: number): void {
    setTimeout(() => {
      if (this.closing) return;
      this.spawn().catch((error: unknown) => {
        this.log.error({ err: error }, 'a validation worker could not be restarted; trying again');
        this.replace(Math.min(delay * 2, RESPAWN_DELAY_MAX_MS));
      });
    }, delay).unref();
  }
}
