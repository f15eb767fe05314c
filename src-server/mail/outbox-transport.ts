import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { type Mail, type MailTransport } from './mail-transport';

/** What the outbox keeps for one mail (the `.json` file); a `.txt` beside it is the same mail for people. */
export type OutboxMail = Mail & { id: string; createdAt: string };

const JSON_SUFFIX = '.json';

/**
 * The default transport: every mail becomes `<id>.json` and `<id>.txt` in a folder, where a developer, a test or
 * the admin CLI can read it. Nothing leaves the machine, which is what development and demos need.
 */
export class OutboxTransport implements MailTransport {
  private lastMs = -1;
  private sameMsCount = 0;

  constructor(
    private readonly dir: string,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async send(mail: Mail): Promise<{ id: string }> {
    const now = this.clock();
    const id = this.nextId(now);
    const stored: OutboxMail = {
      id,
      createdAt: now.toISOString(),
      kind: mail.kind,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
    };
    await fs.promises.mkdir(this.dir, { recursive: true });
    // The .txt goes first: whoever lists the outbox (by its .json files) then always finds both.
    await writeAtomically(path.join(this.dir, `${id}.txt`), readableText(stored));
    await writeAtomically(path.join(this.dir, `${id}${JSON_SUFFIX}`), `${JSON.stringify(stored, null, 2)}\n`);
    return { id };
  }

  /**
   * Names sort by time: a UTC timestamp to the millisecond, a counter for mails within the same millisecond
   * (so one process's order is kept exactly), then a random part so two processes never collide.
   */
  private nextId(now: Date): string {
    const ms = now.getTime();
    if (ms === this.lastMs) this.sameMsCount += 1;
    else {
      this.lastMs = ms;
      this.sameMsCount = 0;
    }
    const stamp = now.toISOString().replace(/[-:]/g, '').replace('.', '');
    return `${stamp}-${String(this.sameMsCount).padStart(4, '0')}-${crypto.randomBytes(4).toString('hex')}`;
  }
}

/** The mails in an outbox folder, oldest first; an outbox that does not exist yet is empty. */
export function readOutbox(dir: string): OutboxMail[] {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return names
    .filter((name) => name.endsWith(JSON_SUFFIX) && !name.startsWith('.'))
    .sort()
    .map((name) => JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8')) as OutboxMail);
}

function readableText(mail: OutboxMail): string {
  return [`Date: ${mail.createdAt}`, `To: ${mail.to}`, `Subject: ${mail.subject}`, `Kind: ${mail.kind}`, '', mail.text, ''].join(
    '\n',
  );
}

/**
 * A reader never sees half a file: the content is written under a hidden temporary name, flushed to disk, then
 * renamed, so after a crash a mail is either complete or absent.
 */
async function writeAtomically(file: string, content: string): Promise<void> {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${crypto.randomBytes(4).toString('hex')}.tmp`);
  try {
    const handle = await fs.promises.open(temp, 'wx', 0o600);
    try {
      await handle.writeFile(content, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.promises.rename(temp, file);
  } catch (error) {
    await fs.promises.rm(temp, { force: true });
    throw error;
  }
}
