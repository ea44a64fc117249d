import type { LookupFunction, Socket } from 'node:net';
import { Agent, buildConnector, EnvHttpProxyAgent, Pool, ProxyAgent, type Dispatcher } from 'undici';
import { TERMII_PROXY_FROM_ENV, type TermiiOptions } from '../options/termii-options.js';

/** Connections kept per origin: enough for a busy login path without opening a connection per call. */
export const MAX_CONNECTIONS_PER_ORIGIN = 128;
/**
 * undici's own connect timeout is set past the attempt's: the client's per-attempt timer decides, so a slow
 * connect ends as a `TermiiTimeoutError`, and undici's only closes a socket that outlived its attempt.
 */
const CONNECT_TIMEOUT_GRACE_MS = 1_000;

/** Extra trust anchors for TLS, to Termii and to an `https:` proxy. Tests only: a user never sets them. */
export interface TermiiTransportTrust {
  ca?: string | Buffer;
}

/**
 * The connections of one `TermiiModule` registration: an undici dispatcher with a pool of up to
 * `MAX_CONNECTIONS_PER_ORIGIN` kept-alive connections per origin, direct or through the `proxy` option's
 * forward proxy (undici's `ProxyAgent`, or `EnvHttpProxyAgent` for `'env'`; HTTPS through a `CONNECT` tunnel).
 *
 * undici's header and body timeouts are off: the client's per-attempt timeout covers the whole exchange.
 * `destroy()` closes every connection, including one still being set up (undici only closes those once
 * the connect ends), so that shutdown leaves no socket behind.
 */
export class TermiiTransport {
  /** The dispatcher every attempt goes through. */
  readonly dispatcher: Dispatcher;
  /** Sockets being connected, which `destroy()` must end itself. */
  private readonly connecting = new Set<Socket>();
  /** Dispatchers that resolve host names with a given function (axios's `lookup` option), made on demand. */
  private readonly withLookup = new Map<LookupFunction, Dispatcher>();

  constructor(
    private readonly options: TermiiOptions,
    private readonly trust: TermiiTransportTrust = {},
  ) {
    this.dispatcher = this.create(undefined);
  }

  /** The dispatcher to use: the transport's own, or one that resolves host names with `lookup`. */
  dispatcherFor(lookup: LookupFunction | undefined): Dispatcher {
    if (lookup === undefined) return this.dispatcher;
    let dispatcher = this.withLookup.get(lookup);
    if (dispatcher === undefined) {
      dispatcher = this.create(lookup);
      this.withLookup.set(lookup, dispatcher);
    }
    return dispatcher;
  }

  /** Ends every request still queued or in flight, and closes every connection. */
  async destroy(): Promise<void> {
    const closing = [this.dispatcher, ...this.withLookup.values()].map((dispatcher) => dispatcher.destroy());
    for (const socket of this.connecting) socket.destroy();
    this.connecting.clear();
    await Promise.all(closing);
  }

  private create(lookup: LookupFunction | undefined): Dispatcher {
    const { ca } = this.trust;
    const connect = this.tracked(
      buildConnector({
        timeout: this.options.timeoutMs + CONNECT_TIMEOUT_GRACE_MS,
        ...(lookup ? { lookup } : {}),
        ...(ca ? { ca } : {}),
      }),
    );
    const pool = { connections: MAX_CONNECTIONS_PER_ORIGIN, headersTimeout: 0, bodyTimeout: 0 };
    const proxy = this.options.proxy;
    if (proxy === undefined) return new Agent({ ...pool, connect });
    // The connection to the proxy goes through `connect` too; TLS to Termii runs inside the tunnel.
    const proxied = {
      ...pool,
      clientFactory: (origin: URL, options: object) => new Pool(origin, { ...options, connect }),
      ...(ca ? { requestTls: { ca }, proxyTls: { ca } } : {}),
    };
    if (proxy === TERMII_PROXY_FROM_ENV) return new EnvHttpProxyAgent({ ...proxied, connect });
    return new ProxyAgent({ ...proxied, uri: proxy });
  }

  /** `connector`, with each socket it opens remembered until its connect ends. */
  private tracked(connector: buildConnector.connector): buildConnector.connector {
    return (options, callback) => {
      let ended = false;
      let socket: Socket | undefined = undefined;
      // buildConnector returns the socket it opens, although its type says `void`.
      socket = (connector as (...args: Parameters<buildConnector.connector>) => Socket | undefined)(
        options,
        (...result) => {
          ended = true;
          if (socket) this.connecting.delete(socket);
          callback(...result);
        },
      );
      if (socket && !ended) this.connecting.add(socket);
    };
  }
}
