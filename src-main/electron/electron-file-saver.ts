import fs from 'node:fs/promises';
import path from 'node:path';
import { type App, type BrowserWindow, type Dialog } from 'electron';
import { CodedError } from '../../src-shared/contracts/coded-error';
import { type FileSaver } from '../ports/file-saver';

/** Asks where to save (the Downloads folder first) and writes the file readable by the user alone. */
export function createElectronFileSaver(
  dialog: Pick<Dialog, 'showSaveDialog'>,
  app: Pick<App, 'getPath'>,
  window: () => BrowserWindow | null,
): FileSaver {
  return {
    save: async (file) => {
      const options = {
        defaultPath: path.join(app.getPath('downloads'), file.suggestedName),
        filters: [{ name: 'JSON', extensions: [path.extname(file.suggestedName).slice(1) || 'json'] }],
      };
      const parent = window();
      const choice = parent ? await dialog.showSaveDialog(parent, options) : await dialog.showSaveDialog(options);
      if (choice.canceled || !choice.filePath) return { outcome: 'cancelled' };
      try {
        await fs.writeFile(choice.filePath, file.content, { encoding: 'utf8', mode: 0o600 });
      } catch (error) {
        // A read-only folder or a full disk: the user picks another place (the message says so).
        throw new CodedError('diagnostics-not-saved', (error as Error).message);
      }
      return { outcome: 'saved', fileName: path.basename(choice.filePath) };
    },
  };
}
