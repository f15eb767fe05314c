import { type ComponentType } from 'react';
import { type ScreenCode } from '../../src-shared/licensing/launch-codes';
import { type ScreenProps } from './screen-props';
import {
  ActivateScreen,
  ClockRollbackScreen,
  LicenseMovedScreen,
  LicenseNotRenewedScreen,
  LicenseStoppedScreen,
  NeedsOnlineCheckScreen,
  RenewalWebPageScreen,
  RenewNowScreen,
  RepurchaseScreen,
  StoreUnavailableScreen,
  TrialEndedScreen,
} from './startup-screens';

/**
 * One component per startup screen. The type makes it exhaustive: a screen code added to the rules engine without a
 * component here is a compile error, not a blank window. 'none' is the product itself (the home screen).
 */
export const STARTUP_SCREENS: Record<Exclude<ScreenCode, 'none'>, ComponentType<ScreenProps>> = {
  activate: ActivateScreen,
  'renew-now': RenewNowScreen,
  'renewal-web-page': RenewalWebPageScreen,
  repurchase: RepurchaseScreen,
  'trial-ended': TrialEndedScreen,
  'license-moved': LicenseMovedScreen,
  'license-stopped': LicenseStoppedScreen,
  'license-not-renewed': LicenseNotRenewedScreen,
  'needs-online-check': NeedsOnlineCheckScreen,
  'clock-rollback': ClockRollbackScreen,
  'store-unavailable': StoreUnavailableScreen,
};
