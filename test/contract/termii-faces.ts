import axios from 'axios';
import {
  TermiiDeliveryReporter,
  TermiiEmulator,
  TermiiEmulatorHandle,
  type TermiiEmulatorOptions,
} from '../../lib/emulator/index.js';
import { startTermiiSandbox } from '../../lib/sandbox/index.js';
import { createTermiiEmulatorAdapter } from '../../lib/testing/index.js';

/** What a contract case observes of one answer. */
export interface Observation {
  status: number;
  body: unknown;
}

/** One way of reaching the emulator: the sandbox over real HTTP, or the testing kit's in-memory adapter. */
export interface TermiiFace {
  readonly name: string;
  /**
   * Sends `body` (an object is sent as JSON, a string as is; `Content-Type: application/json` goes with a
   * body only, unless `headers` say otherwise) and parses the JSON answer.
   */
  send(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Observation>;
  /** The test's handle on the emulator behind the face (outbox, PINs, balance). */
  readonly handle: TermiiEmulatorHandle;
  advanceClock(ms: number): void;
  close(): Promise<void>;
}

function parse(text: string): unknown {
  return text === '' ? undefined : JSON.parse(text);
}

function encode(body: unknown): string | undefined {
  if (body === undefined) return undefined;
  return typeof body === 'string' ? body : JSON.stringify(body);
}

function headersFor(body: unknown, headers: Record<string, string> | undefined): Record<string, string> {
  return headers ?? (body === undefined ? {} : { 'content-type': 'application/json' });
}

/** The sandbox, reached with `fetch` over loopback. */
export async function sandboxFace(options: TermiiEmulatorOptions): Promise<TermiiFace> {
  const sandbox = await startTermiiSandbox(options);
  return {
    name: 'sandbox (HTTP)',
    handle: sandbox,
    async send(method, path, body, headers) {
      const res = await fetch(sandbox.url + path, {
        method,
        headers: headersFor(body, headers),
        ...(body === undefined ? {} : { body: encode(body) }),
      });
      return { status: res.status, body: parse(await res.text()) };
    },
    advanceClock: (ms) => sandbox.advanceClock(ms),
    close: () => sandbox.close(),
  };
}

/** The emulator behind `TermiiTestingModule`, reached through its axios adapter. */
export function inMemoryFace(options: TermiiEmulatorOptions): TermiiFace {
  const emulator = new TermiiEmulator(options);
  // As TermiiTestingModule does: the face owns the reporter and closes it.
  const reporter = new TermiiDeliveryReporter(emulator, options);
  const client = axios.create({
    adapter: createTermiiEmulatorAdapter(emulator),
    validateStatus: () => true,
    responseType: 'text',
    transformResponse: [(data: unknown) => data],
  });
  return {
    name: 'testing module (in memory)',
    handle: new TermiiEmulatorHandle(emulator, reporter),
    async send(method, path, body, headers) {
      const res = await client.request<string>({
        method,
        url: `http://termii.emulator.invalid${path}`,
        data: encode(body),
        headers: headersFor(body, headers),
      });
      return { status: res.status, body: parse(res.data) };
    },
    advanceClock: (ms) => emulator.advanceClock(ms),
    close: () => reporter.close(),
  };
}
