/** 再起動する after a renewal. Electron: `app.relaunch()` then quit; browser host: the page reloads itself. */
export type Relauncher = {
  relaunch(): void;
};
