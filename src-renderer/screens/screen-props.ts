import { type ExternalTarget } from '../../src-shared/ipc/contract';
import { type LaunchState } from '../../src-shared/ipc/launch-state';

export type ScreenActions = {
  set: (state: LaunchState) => void;
  recheck: () => Promise<void>;
  open: (target: ExternalTarget) => void;
  /** 今スグ更新する / 更新手続きへ: the in-app renewal (package edition). */
  renew: () => void;
  /** Into the product from a screen that allows it (a perpetual license after its term). */
  continueToProduct: () => void;
};

export type ScreenProps = { state: LaunchState; actions: ScreenActions };
