import type http from 'node:http';

/** Server-sent events to every page connected to the browser host: the stand-in for `webContents.send`. */
export class EventStream {
  private readonly clients = new Set<http.ServerResponse>();
  private readonly keepAlive: NodeJS.Timeout;

  constructor(private readonly securityHeaders: Record<string, string>) {
    // A comment line now and then keeps proxies and the browser from closing an idle stream.
    this.keepAlive = setInterval(() => this.write(': keep-alive\n\n'), 15_000);
    this.keepAlive.unref();
  }

  attach(response: http.ServerResponse): void {
    response.writeHead(200, {
      ...this.securityHeaders,
      'content-type': 'text/event-stream; charset=utf-8',
      connection: 'keep-alive',
    });
    response.write(': connected\n\n');
    this.clients.add(response);
    response.on('close', () => this.clients.delete(response));
  }

  /** `kind` 'event' carries a contract event; 'host' carries what only the bridge handles (OS notifications). */
  send(
    message: { kind: 'event'; event: string; payload: unknown } | { kind: 'host'; notify: { title: string; body: string } },
  ): void {
    this.write(`data: ${JSON.stringify(message)}\n\n`);
  }

  close(): void {
    clearInterval(this.keepAlive);
    for (const client of this.clients) client.end();
    this.clients.clear();
  }

  private write(chunk: string): void {
    for (const client of this.clients) client.write(chunk);
  }
}
