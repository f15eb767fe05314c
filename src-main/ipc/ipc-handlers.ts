import { type IpcChannel, type IpcRequest, type IpcResponse } from '../../src-shared/ipc/contract';
import { type DiagnosticsService } from '../diagnostics/diagnostics-service';
import { type LaunchService } from '../launch/launch-service';
import { type Relauncher } from '../ports/relauncher';
import { type RenewalService } from '../renewal/renewal-service';
import { type UpdateService } from '../update/update-service';

export type IpcHandlers = { [C in IpcChannel]: (request: IpcRequest<C>) => IpcResponse<C> | Promise<IpcResponse<C>> };

type Services = {
  launch: Pick<LaunchService, 'state' | 'recheck' | 'activate' | 'startTrial' | 'openExternal'>;
  renewal: Pick<RenewalService, 'open' | 'act' | 'pay' | 'register' | 'close'>;
  relauncher: Relauncher;
  updates: Pick<UpdateService, 'state' | 'check' | 'download' | 'install'>;
  diagnostics: Pick<DiagnosticsService, 'export'>;
};

/** The main process's answer to every channel of the contract; the type makes a missing channel a compile error. */
export function createIpcHandlers({ launch, renewal, relauncher, updates, diagnostics }: Services): IpcHandlers {
  return {
    'launch:state': () => launch.state(),
    'launch:recheck': () => launch.recheck(),
    'license:activate': (request) => launch.activate(request.licenseNumber),
    'trial:start': () => launch.startTrial(),
    'external:open': (request) => launch.openExternal(request.target),
    'renewal:open': () => renewal.open(),
    'renewal:act': (request) => renewal.act(request.action),
    'renewal:pay': (request) => renewal.pay(request.card),
    'renewal:register': (request) => renewal.register(request),
    'renewal:close': () => renewal.close(),
    'app:restart': () => {
      relauncher.relaunch();
      return { restarting: true as const };
    },
    'update:state': () => updates.state(),
    'update:check': () => updates.check(),
    'update:download': () => updates.download(),
    'update:install': () => updates.install(),
    'diagnostics:export': () => diagnostics.export(),
  };
}
