import { type SmtpConfig } from '../config';
import { type MailTransport } from './mail-transport';
import { OutboxTransport } from './outbox-transport';
import { SmtpTransport } from './smtp-transport';

/** SMTP when the service is configured with a mail server; otherwise the outbox folder, so nothing is lost. */
export function createMailTransport(config: { outboxPath: string; smtp: SmtpConfig | null }): MailTransport {
  return config.smtp ? new SmtpTransport(config.smtp) : new OutboxTransport(config.outboxPath);
}
