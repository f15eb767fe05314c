import { useSyncExternalStore } from 'react';
import { type UpdateState } from '../../src-shared/update/update-state';
import { call } from '../api/desktop-api';
import { onEvent } from '../api/events';

// One subscription to `update:state` for the whole renderer: the prompt and バージョン情報 read the same store.
let current: UpdateState | null = null;
let started = false;
const listeners = new Set<() => void>();

function publish(next: UpdateState): void {
  current = next;
  for (const listener of listeners) listener();
}

function start(): void {
  if (started) return;
  started = true;
  let eventSeen = false;
  onEvent('update:state', (next) => {
    eventSeen = true;
    publish(next);
  });
  // The state main already holds (the first check may have run before this page loaded). An event that arrived
  // meanwhile is newer than this answer, so the answer is then dropped.
  call('update:state', {})
    .then((state) => !eventSeen && publish(state))
    .catch(() => {});
}

function subscribe(listener: () => void): () => void {
  start();
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Replaces the state with an answer a view got itself (download started, check answered). */
export function setUpdateState(next: UpdateState): void {
  publish(next);
}

export function useUpdateState(): UpdateState | null {
  return useSyncExternalStore(
    subscribe,
    () => current,
    () => current,
  );
}
