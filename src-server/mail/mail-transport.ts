/** One outgoing mail. `kind` names what it is for, e.g. 'bank-transfer-instructions' or 'renewal-reminder'. */
export type Mail = { to: string; subject: string; text: string; kind: string };

/** Where the service's mails go: an outbox folder by default, SMTP when configured. */
export interface MailTransport {
  send(mail: Mail): Promise<{ id: string }>;
}
