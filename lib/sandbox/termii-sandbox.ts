import { Logger } from '@nestjs/common';
import * as http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { maskRecipient } from '../emulator/mask-recipient.js';
import type { TermiiOutboxMessage } from '../emulator/outbox-message.js';
import { TermiiDeliveryReporter } from '../emulator/termii-delivery-reporter.js';
import { maskApiKeyInPath } from '../emulator/recorded-request.js';
import { TermiiEmulatorHandle } from '../emulator/termii-emulator-handle.js';
import type { TermiiEmulatorResponse } from '../emulator/termii-emulator-exchange.js';
import { TermiiEmulator, type TermiiEmulatorOptions } from '../emulator/termii-emulator.js';

/**
 * Options of `startTermiiSandbox`. With `webhookUrl` and `webhookSecret` it also POSTs a signed delivery
 * report for each SMS and voice delivery (see `TermiiDeliveryReportOptions`); with `webhookSecret` alone,
 * from when `setWebhookUrl(url)` gives it the URL (an app that listens on port 0 knows it only then).
 */
export interface TermiiSandboxOptions extends TermiiEmulatorOptions {
  /** The TCP port; 0 picks a free one. @default 0 */
  port?: number;
  /** The address to listen on. @default '127.0.0.1' (loopback only) */
  host?: string;
  /**
   * Log one line per request through Nest's `Logger`: method, path (key masked), status, and for a delivery
   * its channel and masked recipient, e.g. `POST /api/sms/otp/send → HTTP 200 (sms to 234*******743)`.
   * Never a body, a code or a key. Also one line per delivery report the webhook accepted (failed ones are
   * logged as warnings either way). @default false
   */
  log?: boolean;
}

/** A running sandbox: the emulator's handle, plus where it listens. Point a Termii client's base URL at `url`. */
export interface TermiiSandbox extends TermiiEmulatorHandle {
  /** The base URL, e.g. `http://127.0.0.1:4010`; requests go to `${url}/api/sms/otp/send` and so on. */
  readonly url: string;
  /** The address it listens on, e.g. `127.0.0.1`. */
  readonly host: string;
  /** The TCP port it listens on (the one picked when `port: 0` was asked for). */
  readonly port: number;
  /**
   * Stops listening and ends every open connection, including ones held by a `hang` or `stall` fault;
   * cancels the delivery reports not yet posted and abandons those in flight.
   */
  close(): Promise<void>;
}

/** Request bodies are small JSON objects; anything larger is refused before it is buffered. */
const MAX_REQUEST_BYTES = 1024 * 1024;

function urlOf(address: AddressInfo): string {
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return `http://${host}:${address.port}`;
}

class TermiiSandboxServer extends TermiiEmulatorHandle implements TermiiSandbox {
  readonly server: http.Server;
  url = '';
  host = '';
  port = 0;
  private readonly logger = new Logger('TermiiSandbox');
  private readonly timers = new Set<NodeJS.Timeout>();
  private closing: Promise<void> | undefined;
  private readonly log: boolean;
  private readonly listenOn: { port: number; host: string };
  /** The first delivery made by the request being handled, for its log line (`handle` runs synchronously). */
  private delivered: TermiiOutboxMessage | undefined;
  /** How many deliveries the request made: one message to N recipients is N deliveries. */
  private deliveredCount = 0;

  // The options are not kept: `apiKeys` and `webhookSecret` would then show in `util.inspect(sandbox)`.
  constructor(options: TermiiSandboxOptions) {
    const emulator = new TermiiEmulator(options);
    super(
      emulator,
      new TermiiDeliveryReporter(emulator, options, { context: 'TermiiSandbox', logAccepted: options.log ?? false }),
    );
    this.log = options.log ?? false;
    this.listenOn = { port: options.port ?? 0, host: options.host ?? '127.0.0.1' };
    if (this.log) {
      this.onDelivery((message) => {
        this.delivered ??= message;
        this.deliveredCount++;
      });
    }
    this.server = http.createServer((req, res) => this.receive(req, res));
    // A stalled or hung exchange is ended by the client or by close(), not by a server-side timeout.
    this.server.requestTimeout = 0;
  }

  async listen(): Promise<this> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.listenOn.port, this.listenOn.host, () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    const address = this.server.address() as AddressInfo;
    this.url = urlOf(address);
    this.host = address.address;
    this.port = address.port;
    return this;
  }

  close(): Promise<void> {
    this.closing ??= Promise.all([this.stopServer(), this.deliveryReporter.close()]).then(() => undefined);
    return this.closing;
  }

  private stopServer(): Promise<void> {
    return new Promise<void>((resolve) => {
      for (const timer of this.timers) clearTimeout(timer);
      this.timers.clear();
      this.server.close(() => resolve());
      // Idle keep-alive sockets and exchanges held open by a fault would otherwise keep close() waiting.
      this.server.closeAllConnections();
    });
  }

  private receive(req: http.IncomingMessage, res: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_REQUEST_BYTES) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('end', () => {
      if (tooLarge)
        return this.send(res, {
          status: 413,
          headers: { 'content-type': 'application/json' },
          body: '{"message":"Payload Too Large"}',
        });
      const reply = this.emulator.handle({
        method: req.method ?? 'GET',
        path: req.url ?? '/',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      if (this.log) {
        const outcome =
          reply.action === 'respond' || reply.action === 'stall' ? `HTTP ${reply.response.status}` : reply.action;
        const count = this.deliveredCount;
        const delivered = this.takeDelivered();
        const others = count > 1 ? ` and ${count - 1} more` : '';
        const delivery = delivered ? ` (${delivered.channel} to ${maskRecipient(delivered.recipient)}${others})` : '';
        // The path is logged as recorded (key masked); never the body, which holds the key and the PIN.
        this.logger.log(`${req.method} ${maskApiKeyInPath(req.url ?? '/')} → ${outcome}${delivery}`);
      }
      switch (reply.action) {
        case 'respond':
          return this.later(reply.delayMs, () => this.send(res, reply.response));
        case 'drop':
          return this.later(reply.delayMs, () => this.drop(req.socket));
        case 'stall':
          res.writeHead(reply.response.status, reply.response.headers);
          res.flushHeaders();
          return;
        case 'hang':
          return;
      }
    });
  }

  /** The delivery the last request made, if any, once. */
  private takeDelivered(): TermiiOutboxMessage | undefined {
    const delivered = this.delivered;
    this.delivered = undefined;
    this.deliveredCount = 0;
    return delivered;
  }

  private send(res: http.ServerResponse, response: TermiiEmulatorResponse): void {
    if (res.destroyed) return;
    res.writeHead(response.status, { ...response.headers, 'content-length': Buffer.byteLength(response.body) });
    res.end(response.body);
  }

  /** A reset (RST), not a polite close, so that the client sees ECONNRESET as with a failing proxy. */
  private drop(socket: Socket): void {
    if (socket.destroyed) return;
    socket.resetAndDestroy();
  }

  /** Runs `action` after `ms`, or at once; close() cancels what is pending. */
  private later(ms: number, action: () => void): void {
    if (ms <= 0) return action();
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      action();
    }, ms);
    this.timers.add(timer);
  }
}

/**
 * Starts a local HTTP server that answers Termii's Token API and balance requests like Termii does (see
 * `TermiiEmulator`), on 127.0.0.1 and a free port by default. Close it when done.
 *
 * @example
 * const sandbox = await startTermiiSandbox();
 * TermiiModule.forRoot({ apiKey: 'any-key', baseUrl: sandbox.url });
 * // ...
 * await sandbox.close();
 */
export async function startTermiiSandbox(options: TermiiSandboxOptions = {}): Promise<TermiiSandbox> {
  return new TermiiSandboxServer(options).listen();
}
