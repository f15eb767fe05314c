import { type IpcChannel, type IpcRequest, type IpcResponse } from '../../src-shared/ipc/contract';
import { type LaunchService } from '../launch/launch-service';

export type IpcHandlers = { [C in IpcChannel]: (request: IpcRequest<C>) => IpcResponse<C> | Promise<IpcResponse<C>> };

type Services = { launch: Pick<LaunchService, 'state' | 'recheck' | 'activate' | 'startTrial' | 'openExternal'> };

/** The main process's answer to every channel of the contract; the type makes a missing channel a compile error. */
export function createIpcHandlers({ launch }: Services): IpcHandlers {
  return {
    'launch:state': () => launch.state(),
    'launch:recheck': () => launch.recheck(),
    'license:activate': (request) => launch.activate(request.licenseNumber),
    'trial:start': () => launch.startTrial(),
    'external:open': (request) => launch.openExternal(request.target),
  };
}
