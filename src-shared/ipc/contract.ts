import { z } from 'zod';
import { type IpcChannel } from './channels';
import { DiagnosticsExportSchema } from './diagnostics';
import { LaunchStateSchema } from './launch-state';
import { UpdateInstallSchema, UpdateStateSchema } from '../update/update-state';
import { PayRequestSchema, RegisterRequestSchema, RenewalViewSchema, WizardUserActionSchema } from './renewal-view';

export const EXTERNAL_TARGETS = ['renewal-page', 'purchase-page', 'support-form'] as const;
export type ExternalTarget = (typeof EXTERNAL_TARGETS)[number];

// The one IPC map: channel → request schema, response schema. The main process registers a handler for every
// channel through one validating wrapper; the preload and the browser test host both build `window.desktopApi`
// from this map, so the renderer cannot tell them apart.
export const ipcContract = {
  /** The launch decision from what is stored; never waits for the network. */
  'launch:state': {
    request: z.object({}).strict(),
    response: LaunchStateSchema,
  },
  /** Asks the service now (the user pressed 再確認, or the network came back); answers once it replied or gave up. */
  'launch:recheck': {
    request: z.object({}).strict(),
    response: LaunchStateSchema,
  },
  'license:activate': {
    request: z.object({ licenseNumber: z.string().min(1).max(64) }).strict(),
    response: LaunchStateSchema,
  },
  /** Starts the product's trial; the request is the user's acceptance of the terms (seed 001). */
  'trial:start': {
    request: z.object({ termsAccepted: z.literal(true) }).strict(),
    response: LaunchStateSchema,
  },
  /** Opens one of the vendor's pages in the system browser; main builds the URL, the renderer never names one. */
  'external:open': {
    request: z.object({ target: z.enum(EXTERNAL_TARGETS) }).strict(),
    response: z.object({ url: z.string() }).strict(),
  },
  /** The renewal wizard (package edition): opens or resumes it; its state lives in main. */
  'renewal:open': { request: z.object({}).strict(), response: RenewalViewSchema },
  'renewal:act': { request: z.object({ action: WizardUserActionSchema }).strict(), response: RenewalViewSchema },
  /** Places the order (STEP5); the card goes to the service and is never stored. */
  'renewal:pay': { request: PayRequestSchema, response: RenewalViewSchema },
  'renewal:register': { request: RegisterRequestSchema, response: RenewalViewSchema },
  'renewal:close': { request: z.object({}).strict(), response: z.object({ closed: z.boolean() }).strict() },
  /** 再起動する: Electron relaunches the app; the browser host reloads the page. */
  'app:restart': { request: z.object({}).strict(), response: z.object({ restarting: z.literal(true) }).strict() },
  /** The updater's current state (then kept current by `update:state` events). */
  'update:state': { request: z.object({}).strict(), response: UpdateStateSchema },
  /** Asks the feed now; answers the state once the check ended (never asks while updates are disabled). */
  'update:check': { request: z.object({}).strict(), response: UpdateStateSchema },
  /** Starts downloading the available release; answers at once, progress follows as events. */
  'update:download': { request: z.object({}).strict(), response: UpdateStateSchema },
  /** 再起動して更新する: quits and installs the downloaded release (simulated in the browser host). */
  'update:install': { request: z.object({}).strict(), response: UpdateInstallSchema },
  /** サポート → 診断情報を保存: the report for support, saved where the user chooses (downloaded in the browser host). */
  'diagnostics:export': { request: z.object({}).strict(), response: DiagnosticsExportSchema },
} as const satisfies Record<IpcChannel, { request: z.ZodType; response: z.ZodType }>;

export type IpcContract = typeof ipcContract;
export { IPC_CHANNELS, type IpcChannel } from './channels';
export type IpcRequest<C extends IpcChannel> = z.input<IpcContract[C]['request']>;
export type IpcResponse<C extends IpcChannel> = z.output<IpcContract[C]['response']>;

export function isIpcChannel(value: unknown): value is IpcChannel {
  return typeof value === 'string' && Object.hasOwn(ipcContract, value);
}
