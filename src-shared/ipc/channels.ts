// Channel names alone, free of schemas, so the sandboxed preload stays small. contract.ts must give every one of
// them a schema pair (its `satisfies` clause makes a missing or extra channel a compile error).
export const IPC_CHANNELS = [
  'launch:state',
  'launch:recheck',
  'license:activate',
  'trial:start',
  'external:open',
  'renewal:open',
  'renewal:act',
  'renewal:pay',
  'renewal:register',
  'renewal:close',
  'app:restart',
  'update:state',
  'update:check',
  'update:download',
  'update:install',
  'diagnostics:export',
] as const;
export type IpcChannel = (typeof IPC_CHANNELS)[number];
