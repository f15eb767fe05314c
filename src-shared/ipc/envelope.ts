import { type ErrorCode } from '../contracts/error-codes';

// Errors thrown across Electron's IPC and contextBridge lose their properties, so every call answers with an
// envelope and the renderer turns a failure back into a coded error.
export type IpcFailure = { ok: false; error: { code: ErrorCode; message: string } };
export type IpcEnvelope<T> = { ok: true; value: T } | IpcFailure;
