/** A file the user saves (the diagnostics export). */
export type FileToSave = { suggestedName: string; content: string; mimeType: string };

/**
 * What came of a save. Electron asks where with `dialog.showSaveDialog` and writes the file (`saved` or
 * `cancelled`); the browser host cannot write on the user's disk, so it hands the file back for the page to
 * download (`download`).
 */
export type SaveOutcome =
  | { outcome: 'saved'; fileName: string }
  | { outcome: 'cancelled' }
  | { outcome: 'download'; fileName: string; content: string; mimeType: string };

export type FileSaver = {
  save(file: FileToSave): Promise<SaveOutcome>;
};
