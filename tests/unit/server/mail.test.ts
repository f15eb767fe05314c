import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type SupportContact } from '../../../src-shared/catalog';
import { createMailTransport } from '../../../src-server/mail/create-mail-transport';
import { type Mail } from '../../../src-server/mail/mail-transport';
import { OutboxTransport, readOutbox } from '../../../src-server/mail/outbox-transport';
import { SmtpTransport } from '../../../src-server/mail/smtp-transport';
import { bankTransferInstructionsMail, MAIL_KINDS, renewalReminderMail } from '../../../src-server/mail/templates';
import { PAYEE_ACCOUNT } from '../../../src-server/renewals/transfer-instructions';
import { formatJapaneseDate, formatYen } from '../../../src-server/text/format';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mail-test-'));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

const mail = (n: number): Mail => ({
  to: `customer${n}@example.jp`,
  subject: `件名 ${n}`,
  text: `本文 ${n}\n二行目`,
  kind: MAIL_KINDS.renewalReminder,
});

// The catalog's own type: the templates must accept a support contact exactly as the catalog holds it.
const SUPPORT: SupportContact = {
  code: 'sakura-support',
  webFormUrl: 'https://support.example.jp/form',
  phone: '050-1234-5678',
  phoneHours: [
    { from: '09:30', to: '12:00' },
    { from: '13:00', to: '17:00' },
  ],
};

describe('the outbox transport', () => {
  it('writes each mail as JSON and readable text and lists them oldest first', async () => {
    const dir = path.join(tempDir(), 'outbox');
    let now = new Date('2026-11-22T01:00:00.000Z');
    const outbox = new OutboxTransport(dir, () => now);
    // Three in the same millisecond keep the order they were sent in; a later one sorts after them.
    const first = await outbox.send(mail(1));
    const second = await outbox.send(mail(2));
    const third = await outbox.send(mail(3));
    now = new Date('2026-11-22T01:00:00.001Z');
    const fourth = await outbox.send(mail(4));

    const listed = readOutbox(dir);
    expect(listed.map((m) => m.id)).toEqual([first.id, second.id, third.id, fourth.id]);
    expect(listed[0]).toEqual({ id: first.id, createdAt: '2026-11-22T01:00:00.000Z', ...mail(1) });
    expect(first.id).toMatch(/^20261122T010000000Z-0000-[0-9a-f]{8}$/);

    const text = fs.readFileSync(path.join(dir, `${second.id}.txt`), 'utf8');
    expect(text).toContain('To: customer2@example.jp');
    expect(text).toContain('Subject: 件名 2');
    expect(text).toContain('本文 2\n二行目');
    // Only finished files: no temporary file is left behind.
    expect(fs.readdirSync(dir).sort()).toEqual(listed.flatMap((m) => [`${m.id}.json`, `${m.id}.txt`]).sort());
  });

  it('keeps every mail when many are sent at once', async () => {
    const dir = tempDir();
    const outbox = new OutboxTransport(dir);
    const sent = await Promise.all([1, 2, 3, 4, 5, 6, 7, 8].map((n) => outbox.send(mail(n))));
    expect(readOutbox(dir).map((m) => m.id)).toEqual(sent.map((s) => s.id));
    expect(new Set(sent.map((s) => s.id)).size).toBe(8);
  });

  it('reads an outbox that does not exist yet as empty', () => {
    expect(readOutbox(path.join(tempDir(), 'nothing-here'))).toEqual([]);
  });
});

type SmtpSession = { commands: string[]; data: string };

/** Just enough of an SMTP server on 127.0.0.1 to receive one message with AUTH PLAIN. */
async function startLocalSmtpServer(): Promise<{ port: number; sessions: SmtpSession[] }> {
  const sessions: SmtpSession[] = [];
  const server = net.createServer((socket) => {
    const session: SmtpSession = { commands: [], data: '' };
    sessions.push(session);
    let buffer = '';
    let inData = false;
    socket.setEncoding('utf8');
    socket.write('220 smtp.test.example.jp ESMTP\r\n');
    socket.on('data', (chunk: string) => {
      buffer += chunk;
      for (let end = buffer.indexOf('\r\n'); end >= 0; end = buffer.indexOf('\r\n')) {
        const line = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (inData) {
          if (line === '.') {
            inData = false;
            socket.write('250 2.0.0 queued\r\n');
          } else session.data += `${line.startsWith('..') ? line.slice(1) : line}\n`;
          continue;
        }
        session.commands.push(line);
        const verb = line.split(' ')[0]?.toUpperCase();
        if (verb === 'EHLO') socket.write('250-smtp.test.example.jp\r\n250-AUTH PLAIN\r\n250 8BITMIME\r\n');
        else if (verb === 'AUTH') socket.write('235 2.7.0 authenticated\r\n');
        else if (verb === 'DATA') {
          inData = true;
          socket.write('354 go ahead\r\n');
        } else if (verb === 'QUIT') socket.end('221 bye\r\n');
        else socket.write('250 ok\r\n');
      }
    });
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { port: (server.address() as net.AddressInfo).port, sessions };
}

describe('the SMTP transport', () => {
  it('delivers through nodemailer to the configured server, authenticated, with the kind as a header', async () => {
    const smtpServer = await startLocalSmtpServer();
    const smtp = new SmtpTransport({
      host: '127.0.0.1',
      port: smtpServer.port,
      secure: false,
      user: 'vendor',
      pass: 's3cret-pass',
      from: 'さくら会計 <no-reply@example.jp>',
    });
    cleanups.push(() => smtp.close());

    const { id } = await smtp.send({
      to: 'customer@example.jp',
      subject: '【さくら会計】お振込のご案内',
      text: '二重のお振込にご注意ください',
      kind: MAIL_KINDS.bankTransferInstructions,
    });

    expect(id).toMatch(/^<.+@.+>$/);
    const session = smtpServer.sessions.find((s) => s.data !== '');
    expect(session).toBeDefined();
    const auth = session?.commands.find((c) => c.startsWith('AUTH PLAIN ')) ?? '';
    expect(Buffer.from(auth.slice('AUTH PLAIN '.length), 'base64').toString('utf8')).toBe('\0vendor\0s3cret-pass');
    expect(session?.commands).toContain('MAIL FROM:<no-reply@example.jp>');
    expect(session?.commands.some((c) => c.startsWith('RCPT TO:<customer@example.jp>'))).toBe(true);
    expect(session?.data).toMatch(/^X-Mail-Kind: bank-transfer-instructions$/m);
    expect(session?.data).toContain(`Message-ID: ${id}`);
    expect(session?.data).toMatch(/^Subject: =\?UTF-8\?/m);
  });

  it('never shows its password when logged or printed', () => {
    const smtp = new SmtpTransport({
      host: 'smtp.example.jp',
      port: 587,
      secure: false,
      user: 'vendor',
      pass: 's3cret-pass',
      from: 'no-reply@example.jp',
    });
    cleanups.push(() => smtp.close());
    expect(JSON.stringify({ mail: smtp })).toBe('{"mail":{"transport":"smtp://vendor@smtp.example.jp:587"}}');
    expect(String(smtp)).not.toContain('s3cret');
    expect(JSON.stringify(Object.entries(smtp))).not.toContain('s3cret');
  });

  it('is what createMailTransport chooses when SMTP is configured, the outbox otherwise', async () => {
    const dir = tempDir();
    expect(createMailTransport({ outboxPath: dir, smtp: null })).toBeInstanceOf(OutboxTransport);
    const smtp = createMailTransport({
      outboxPath: dir,
      smtp: { host: '127.0.0.1', port: 2525, secure: false, user: null, pass: null, from: 'a@example.jp' },
    });
    expect(smtp).toBeInstanceOf(SmtpTransport);
    (smtp as SmtpTransport).close();
    const outbox = createMailTransport({ outboxPath: path.join(dir, 'outbox'), smtp: null });
    const { id } = await outbox.send(mail(1));
    expect(readOutbox(path.join(dir, 'outbox')).map((m) => m.id)).toEqual([id]);
  });
});

describe('mail texts', () => {
  it('format yen and dates the Japanese way', () => {
    expect([0, 999, 1000, 13200, 1234567].map(formatYen)).toEqual(['¥0', '¥999', '¥1,000', '¥13,200', '¥1,234,567']);
    expect(() => formatYen(-1)).toThrow(RangeError);
    expect(() => formatYen(1.5)).toThrow(RangeError);
    expect(formatJapaneseDate('2027-03-31')).toBe('2027年3月31日');
    expect(formatJapaneseDate('2026-12-06')).toBe('2026年12月6日');
  });

  it('give bank-transfer instructions with amount, account, due date and the double-payment warning', () => {
    const { subject, text } = bankTransferInstructionsMail({
      vendorName: 'さくらソフトウエア株式会社',
      customerName: '山田 太郎',
      productName: 'さくら会計',
      orderId: 'ORD-20261122-0001',
      amountYen: 13200,
      dueOn: '2026-12-06',
      payee: PAYEE_ACCOUNT,
      support: SUPPORT,
    });
    expect(subject).toContain('ORD-20261122-0001');
    expect(subject).toContain('お振込');
    for (const expected of [
      '山田 太郎 様',
      '¥13,200',
      '2026年12月6日',
      '二重のお振込にご注意ください',
      PAYEE_ACCOUNT.bank,
      PAYEE_ACCOUNT.accountNumber,
      PAYEE_ACCOUNT.holder,
      '050-1234-5678',
      '9:30〜12:00、13:00〜17:00',
      'https://support.example.jp/form',
      'さくらソフトウエア株式会社',
    ]) {
      expect(text, expected).toContain(expected);
    }
    expect(text).toMatch(/誤った金額.*サポートセンターへご連絡ください/);
  });

  it('remind two months and twenty days before the end, differently', () => {
    const base = {
      vendorName: 'さくらソフトウエア株式会社',
      customerName: null,
      productName: 'さくら会計',
      licenseNumberMasked: '****-****-****-ABCD',
      termEnd: '2027-03-31',
      productStopsAtEnd: false,
      support: SUPPORT,
    };
    const early = renewalReminderMail({ ...base, variant: 'two-months', renewalUrl: null });
    const late = renewalReminderMail({ ...base, variant: 'twenty-days', renewalUrl: 'https://renew.example.jp/renew?license=x' });
    expect(early.subject).not.toBe(late.subject);
    expect(early.text).not.toBe(late.text);
    for (const reminder of [early, late]) {
      expect(reminder.subject).toContain('2027年3月31日');
      expect(reminder.text).toContain('2027年3月31日に終了します');
      expect(reminder.text).toContain('****-****-****-ABCD');
      expect(reminder.text).toContain('お客様各位');
      expect(reminder.text).toContain('050-1234-5678');
    }
    expect(early.text).toContain('［ヘルプ］→［バージョン情報］');
    expect(late.text).toContain('https://renew.example.jp/renew?license=x');
    expect(late.text).not.toContain('［ヘルプ］');
    expect(renewalReminderMail({ ...base, variant: 'twenty-days', renewalUrl: null, productStopsAtEnd: true }).text).toContain(
      '製品を起動できなくなります',
    );
  });
});
