// Event names alone, free of schemas, so the sandboxed preload stays small (see channels.ts).
export const IPC_EVENTS = ['launch:changed', 'menu:command', 'update:state'] as const;
export type IpcEventName = (typeof IPC_EVENTS)[number];
