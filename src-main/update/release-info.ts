import { IsoInstant } from '../../src-shared/contracts/signed-license';
import { type ReleaseInfo } from '../ports/updater';

const MAX_NOTES = 20_000;

type NoteEntry = { version?: unknown; note?: unknown };

/**
 * A channel file's release as the app shows it: release notes as plain text (electron-updater gives a string, or a
 * list of `{ version, note }` with `fullChangelog`), and the date only when it is a real instant with an offset.
 */
export function releaseInfo(info: { version: string; releaseNotes?: unknown; releaseDate?: unknown }): ReleaseInfo {
  return { version: info.version, releaseNotes: notesText(info.releaseNotes), releaseDate: instantOrNull(info.releaseDate) };
}

function notesText(notes: unknown): string | null {
  let text: string | null = null;
  if (typeof notes === 'string') text = notes;
  else if (Array.isArray(notes)) {
    text = (notes as NoteEntry[])
      .filter((entry) => typeof entry?.note === 'string' && entry.note.trim() !== '')
      .map((entry) => (typeof entry.version === 'string' ? `${entry.version}\n${String(entry.note)}` : String(entry.note)))
      .join('\n\n');
  }
  text = text?.trim() ?? '';
  return text === '' ? null : text.slice(0, MAX_NOTES);
}

function instantOrNull(value: unknown): string | null {
  const text = value instanceof Date ? value.toISOString() : value;
  return IsoInstant.safeParse(text).success ? (text as string) : null;
}
