import { type IpcChannel, type IpcRequest, type IpcResponse } from '../../src-shared/ipc/contract';
import { type LicenseManager } from '../license/license-manager';

export type IpcHandlers = { [C in IpcChannel]: (request: IpcRequest<C>) => IpcResponse<C> | Promise<IpcResponse<C>> };

/** The main process's answer to every channel of the contract; the type makes a missing channel a compile error. */
export function createIpcHandlers(services: { license: LicenseManager }): IpcHandlers {
  return {
    'license:status': () => services.license.status(),
    'license:activate': (request) => services.license.activate(request.licenseNumber),
  };
}
