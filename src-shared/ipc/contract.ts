import { z } from 'zod';
import { type IpcChannel } from './channels';
import { LicenseStatusSchema } from './license-status';

// The one IPC map: channel → request schema, response schema. The main process registers a handler for every
// channel through one validating wrapper; the preload and the browser test host both build `window.desktopApi`
// from this map, so the renderer cannot tell them apart.
export const ipcContract = {
  'license:status': {
    request: z.object({}).strict(),
    response: LicenseStatusSchema,
  },
  'license:activate': {
    request: z.object({ licenseNumber: z.string().min(1).max(64) }).strict(),
    response: LicenseStatusSchema,
  },
} as const satisfies Record<IpcChannel, { request: z.ZodType; response: z.ZodType }>;

export type IpcContract = typeof ipcContract;
export { IPC_CHANNELS, type IpcChannel } from './channels';
export type IpcRequest<C extends IpcChannel> = z.input<IpcContract[C]['request']>;
export type IpcResponse<C extends IpcChannel> = z.output<IpcContract[C]['response']>;

export function isIpcChannel(value: unknown): value is IpcChannel {
  return typeof value === 'string' && Object.hasOwn(ipcContract, value);
}
