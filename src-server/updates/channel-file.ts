import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { type CalendarDate, instantToEpochMs, jstDateOf } from '../../src-shared/licensing';

/** One channel file of electron-builder's generic feed (latest.yml, latest-mac.yml, latest-linux.yml, …). */
export type ChannelFile = {
  version: string;
  /** The artifact names the channel points to (files[].url and the legacy top-level path). */
  artifacts: string[];
  releaseDate: string;
  /** The JST calendar date of releaseDate: what a license's term is compared with (SPEC: dates are JST dates). */
  releaseDay: CalendarDate;
};

const instant = z.string().refine((value) => {
  try {
    instantToEpochMs(value);
    return true;
  } catch {
    return false;
  }
}, 'expected an ISO-8601 instant with an offset');

const ChannelFileSchema = z.object({
  version: z.string().min(1),
  files: z
    .array(z.object({ url: z.string().min(1), sha512: z.string().min(1), size: z.number().int().nonnegative().optional() }))
    .min(1),
  path: z.string().min(1).optional(),
  sha512: z.string().optional(),
  releaseDate: instant,
});

export class ChannelFileError extends Error {}

/**
 * Reads a channel file. The release date is mandatory here although electron-updater treats it as optional: the
 * gate cannot decide whether a term covers a release without it, so a file lacking one is refused, not guessed.
 */
export function parseChannelFile(text: string): ChannelFile {
  let document: unknown;
  try {
    // YAML 1.2 core schema: an unquoted releaseDate stays a string instead of turning into a Date.
    document = parseYaml(text, { version: '1.2', schema: 'core' });
  } catch (error) {
    throw new ChannelFileError(`not YAML: ${(error as Error).message}`);
  }
  const result = ChannelFileSchema.safeParse(document);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new ChannelFileError(`${issue?.path.join('.') || 'file'}: ${issue?.message ?? 'invalid'}`);
  }
  const { version, files, path, releaseDate } = result.data;
  const artifacts = [...new Set([...files.map((file) => file.url), ...(path ? [path] : [])])];
  return { version, artifacts, releaseDate, releaseDay: jstDateOf(releaseDate) };
}
