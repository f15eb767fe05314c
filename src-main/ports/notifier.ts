/** OS notifications (a reminder once per term, later "update downloaded"). Electron: `Notification`; browser host: the Notification API. */
export type Notifier = {
  show(notification: { title: string; body: string }): void;
};
