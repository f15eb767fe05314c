import { app } from 'electron';
import { type Relauncher } from '../ports/relauncher';

/** 再起動する: a new process reads the renewed license at its start, exactly as the seed's restart step describes. */
export function electronRelauncher(): Relauncher {
  return {
    relaunch: () => {
      app.relaunch();
      // After the IPC answer has gone out, so the renderer is not left waiting on a closed channel.
      setTimeout(() => app.quit(), 100);
    },
  };
}
