import { z } from 'zod';

/** The largest diagnostics file the bridge carries back (the log tail is bounded well below this). */
export const DIAGNOSTICS_MAX_CHARS = 1_000_000;

/**
 * What `diagnostics:export` answers: saved where the user chose (Electron's save dialog), cancelled, or handed back
 * for the page to download (the browser host, which cannot write on the user's disk).
 */
export const DiagnosticsExportSchema = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('saved'), fileName: z.string().min(1).max(260) }).strict(),
  z.object({ outcome: z.literal('cancelled') }).strict(),
  z
    .object({
      outcome: z.literal('download'),
      fileName: z.string().min(1).max(260),
      content: z.string().max(DIAGNOSTICS_MAX_CHARS),
      mimeType: z.literal('application/json'),
    })
    .strict(),
]);
export type DiagnosticsExport = z.infer<typeof DiagnosticsExportSchema>;
