import { describe, expect, it } from 'vitest';
import { Mutex } from '../../../src-server/store/unit-of-work';

// The SQLite store's one connection: a statement must never run inside another request's open transaction.
describe('Mutex', () => {
  it('runs a statement at once when nothing holds the mutex', async () => {
    const mutex = new Mutex();
    const order: string[] = [];
    const statement = mutex.runStatement(() => order.push('statement'));
    order.push('after call');
    await statement;
    expect(order).toEqual(['statement', 'after call']);
  });

  it('queues a statement behind an open transaction, and runs it only once the transaction ended', async () => {
    const mutex = new Mutex();
    const order: string[] = [];
    let finish: () => void = () => {};
    const transaction = mutex.run(async () => {
      order.push('begin');
      await new Promise<void>((resolve) => (finish = resolve));
      order.push('commit');
    });
    await Promise.resolve();
    const statement = mutex.runStatement(() => order.push('statement'));
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(order).toEqual(['begin']);
    finish();
    await Promise.all([transaction, statement]);
    expect(order).toEqual(['begin', 'commit', 'statement']);
    // Released: the next statement runs at once again.
    await new Promise((resolve) => setTimeout(resolve, 0));
    let ran = false;
    void mutex.runStatement(() => (ran = true));
    expect(ran).toBe(true);
  });

  it('turns a throwing statement into a rejection and stays usable', async () => {
    const mutex = new Mutex();
    await expect(
      mutex.runStatement(() => {
        throw new Error('SQLITE_ERROR');
      }),
    ).rejects.toThrow('SQLITE_ERROR');
    await expect(mutex.run(() => 1)).resolves.toBe(1);
    await expect(mutex.runStatement(() => 2)).resolves.toBe(2);
  });
});
