import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Which transaction the running code is in. Repositories consult it on every statement, so a domain service only
 * says where a unit of work starts and ends (`store.withTransaction`) and passes nothing down.
 */
export class TransactionScope<Tx> {
  private readonly storage = new AsyncLocalStorage<{ tx: Tx; open: boolean }>();

  current(): Tx | null {
    const scope = this.storage.getStore();
    if (!scope) return null;
    // A promise started inside a transaction and left running after it must not write outside of it.
    if (!scope.open) throw new Error('a statement ran after its transaction ended');
    return scope.tx;
  }

  async run<T>(tx: Tx, fn: () => Promise<T>): Promise<T> {
    const scope = { tx, open: true };
    try {
      return await this.storage.run(scope, fn);
    } finally {
      scope.open = false;
    }
  }
}

/** One at a time, in arrival order: the SQLite connection runs one transaction (or statement) at a time. */
export class Mutex {
  private tail: Promise<unknown> = Promise.resolve();
  /** Runs queued or in progress (a transaction holds the mutex across its awaits). */
  private pending = 0;

  run<T>(fn: () => Promise<T> | T): Promise<T> {
    this.pending += 1;
    const result = this.tail.then(fn);
    const release = () => {
      this.pending -= 1;
    };
    this.tail = result.then(release, release);
    return result;
  }

  /**
   * A synchronous statement: run at once when nothing holds or waits for the mutex (no transaction is open, so the
   * statement cannot land inside one and nobody is passed in the queue), else queued like any other run. Most reads
   * of a busy service take the first path, without a promise hop per statement.
   */
  runStatement<T>(fn: () => T): Promise<T> {
    if (this.pending > 0) return this.run(fn);
    try {
      return Promise.resolve(fn());
    } catch (error) {
      return Promise.reject(error as Error);
    }
  }
}
