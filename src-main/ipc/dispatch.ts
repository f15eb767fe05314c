import { isErrorCode } from '../../src-shared/contracts/error-codes';
import { ipcContract, isIpcChannel } from '../../src-shared/ipc/contract';
import { CodedError } from '../../src-shared/contracts/coded-error';
import { type IpcEnvelope } from '../../src-shared/ipc/envelope';
import { type IpcHandlers } from './ipc-handlers';
import { type Logger } from '../log/app-log';

export type { Logger };

/**
 * Validates a call against the contract, runs its handler and wraps the outcome. Used by both the Electron
 * wrapper and the browser test host, so both enforce the same schemas and answer the same envelopes.
 */
export async function dispatch(
  handlers: IpcHandlers,
  channel: unknown,
  payload: unknown,
  log?: Logger,
): Promise<IpcEnvelope<unknown>> {
  if (!isIpcChannel(channel)) return { ok: false, error: { code: 'invalid-request', message: 'unknown channel' } };
  const contract = ipcContract[channel];
  const request = contract.request.safeParse(payload);
  if (!request.success) {
    // Stryker disable next-line OptionalChaining: a failed zod parse always reports at least one issue
    return { ok: false, error: { code: 'invalid-request', message: request.error.issues[0]?.message ?? 'invalid payload' } };
  }
  try {
    const handler = handlers[channel] as (request: unknown) => unknown;
    const value = contract.response.parse(await handler(request.data));
    return { ok: true, value };
  } catch (error) {
    // Stryker disable next-line ConditionalExpression: a CodedError's code is an ErrorCode, so the next line answers the same
    if (error instanceof CodedError) return { ok: false, error: { code: error.code, message: error.message } };
    const code = (error as { code?: unknown }).code;
    if (isErrorCode(code)) return { ok: false, error: { code, message: (error as Error).message } };
    log?.error(`IPC ${channel} failed`, error);
    return { ok: false, error: { code: 'internal', message: 'internal error' } };
  }
}
