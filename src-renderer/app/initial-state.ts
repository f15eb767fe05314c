import { type LaunchState } from '../../src-shared/ipc/launch-state';
import { call } from '../api/desktop-api';
import { onEvent } from '../api/events';

let pending: Promise<LaunchState> | null = null;
let pushed: LaunchState | null = null;
let stopListening: (() => void) | null = null;

/**
 * Asks main for the launch state as the page starts, before React has mounted, so the first screen comes sooner.
 * A state pushed meanwhile (a background check that answered first) is newer, and wins.
 */
export function prefetchLaunchState(): void {
  stopListening = onEvent('launch:changed', (state) => (pushed = state));
  pending = call('launch:state', {});
  pending.catch(() => {}); // read (and reported) by the first takeLaunchState()
}

/** The prefetched answer once (or what was pushed since), then fresh calls. */
export async function takeLaunchState(): Promise<LaunchState> {
  const answer = pending ?? call('launch:state', {});
  pending = null;
  try {
    const state = await answer;
    return pushed ?? state;
  } finally {
    stopListening?.();
    stopListening = null;
    pushed = null;
  }
}
