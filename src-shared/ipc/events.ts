import { z } from 'zod';
import { type IpcEventName } from './event-names';
import { LaunchStateSchema } from './launch-state';
import { UpdateStateSchema } from '../update/update-state';

// Main → renderer pushes: event name → payload schema, beside the channel map. Main sends through one wrapper
// that parses the payload with the schema; the preload and the browser host expose `desktopApi.on(event, listener)`.
export const ipcEvents = {
  /** The launch state changed (a background validation answered, the clock moved, a trial started). */
  'launch:changed': LaunchStateSchema,
  /** A command from the native application menu (Electron) that the renderer carries out. */
  'menu:command': z.object({ command: z.enum(['version-info', 'home', 'activate', 'support']) }).strict(),
  /** The updater's state changed (checking, a release found, download progress, downloaded, an error). */
  'update:state': UpdateStateSchema,
} as const satisfies Record<IpcEventName, z.ZodType>;

export type IpcEvents = typeof ipcEvents;
export type IpcEventPayload<E extends IpcEventName> = z.output<IpcEvents[E]>;
export { IPC_EVENTS, type IpcEventName } from './event-names';

export function isIpcEventName(value: unknown): value is IpcEventName {
  return typeof value === 'string' && Object.hasOwn(ipcEvents, value);
}
