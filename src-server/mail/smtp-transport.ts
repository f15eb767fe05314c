import nodemailer from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import { type SmtpConfig } from '../config';
import { type Mail, type MailTransport } from './mail-transport';

export type { SmtpConfig };

/**
 * Sends through the vendor's SMTP server. The password is handed to nodemailer and kept nowhere else: the
 * transporter sits in a private field and toJSON describes the transport without credentials, so logging this
 * object (or a context holding it) cannot leak them. nodemailer's own logger stays off for the same reason.
 */
export class SmtpTransport implements MailTransport {
  readonly #transporter: nodemailer.Transporter<SMTPTransport.SentMessageInfo>;
  readonly #from: string;
  readonly #description: string;

  /** `extra` is for tests and unusual servers (e.g. TLS options); it cannot replace the configured credentials. */
  constructor(config: SmtpConfig, extra: Omit<SMTPTransport.Options, 'auth' | 'host' | 'port' | 'secure'> = {}) {
    this.#transporter = nodemailer.createTransport({
      // A slow mail server must not hold a request (or the admin CLI) for nodemailer's default two minutes.
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
      logger: false,
      debug: false,
      ...extra,
      host: config.host,
      port: config.port,
      secure: config.secure,
      ...(config.user ? { auth: { user: config.user, pass: config.pass ?? '' } } : {}),
    });
    this.#from = config.from;
    this.#description = `smtp://${config.user ? `${config.user}@` : ''}${config.host}:${config.port}${config.secure ? ' (TLS)' : ''}`;
  }

  async send(mail: Mail): Promise<{ id: string }> {
    const info = await this.#transporter.sendMail({
      from: this.#from,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      headers: { 'X-Mail-Kind': mail.kind },
    });
    return { id: info.messageId };
  }

  close(): void {
    this.#transporter.close();
  }

  toJSON(): { transport: string } {
    return { transport: this.#description };
  }

  toString(): string {
    return this.#description;
  }
}
