import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** A request the scripted server received. */
export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** The raw body text. */
  text: string;
  /** The body parsed as JSON (`undefined` if it was not JSON). */
  json: unknown;
}

/** Answers one request; write the response with `res`. */
export type ScriptedHandler = (req: RecordedRequest, res: ServerResponse) => void;

/** Termii's documented answers, for tests that need a plain success. */
export const DOCUMENTED_GENERATE_RESPONSE = {
  status: 'success',
  data: {
    pin_id: 'db34d5ce-9bd4-4f10-b8ec-8ee402ccd0',
    otp: '522726',
    phone_number: '2348109077743',
    phone_number_other: 'Termii',
  },
};
export const DOCUMENTED_VERIFY_RESPONSE = {
  pinId: 'c8dcd048-5e7f-4347-8c89-4470c3af0b',
  verified: 'True',
  msisdn: '2348109077743',
};

/** Termii's documented Send Token answer. */
export const DOCUMENTED_SEND_RESPONSE = {
  pinId: '29ae67c2-c8e1-4165-8a51-8d3d7c298081',
  to: '2348109077743',
  smsStatus: 'Message Sent',
};
/** Termii's documented Voice Token answer (Voice Call answers in the same shape). */
export const DOCUMENTED_VOICE_RESPONSE = {
  code: 'ok',
  message_id: '453166532802459832',
  pinId: '29ae67c2-c8e1-4165-8a51-8d3d7c298081',
  message: 'Successfully Sent',
  balance: 77.5,
  user: 'Termii Test',
};
/** Termii's documented Email Token answer. */
export const DOCUMENTED_EMAIL_RESPONSE = {
  code: 'ok',
  message_id: '9122821270554876574',
  message: 'Successfully Sent',
  balance: 9,
  user: 'Shola Olu',
};

/** Termii's documented answer for each Token API path. */
export const DOCUMENTED_RESPONSES: Readonly<Record<string, unknown>> = {
  '/api/sms/otp/generate': DOCUMENTED_GENERATE_RESPONSE,
  '/api/sms/otp/verify': DOCUMENTED_VERIFY_RESPONSE,
  '/api/sms/otp/send': DOCUMENTED_SEND_RESPONSE,
  '/api/sms/otp/send/voice': DOCUMENTED_VOICE_RESPONSE,
  '/api/sms/otp/call': DOCUMENTED_VOICE_RESPONSE,
  '/api/email/otp/send': DOCUMENTED_EMAIL_RESPONSE,
};

/** Answers `status` with `body` as JSON (or as the given text when `body` is a string). */
export function reply(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': typeof body === 'string' ? 'text/html' : 'application/json', ...headers });
  res.end(text);
}

/** Answers every Token API path with Termii's documented success, anything else with a 404. */
export const documentedHandler: ScriptedHandler = (req, res) => {
  const body = DOCUMENTED_RESPONSES[req.path];
  if (body !== undefined) return reply(res, 200, body);
  reply(res, 404, { message: 'Not found' });
};

/**
 * A real `node:http` server on 127.0.0.1 that records every request and answers with a handler the test
 * sets: the loopback stand-in for Termii in the core library's tests (no HTTP mocking library).
 */
export interface ScriptedServer {
  /** `http://127.0.0.1:PORT`, usable as `baseUrl`. */
  url: string;
  requests: RecordedRequest[];
  /** Replaces the handler; the default answers Termii's documented success bodies. */
  handle(handler: ScriptedHandler): void;
  close(): Promise<void>;
}

export async function startScriptedServer(handler: ScriptedHandler = documentedHandler): Promise<ScriptedServer> {
  let current = handler;
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        json = undefined;
      }
      const recorded = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, text, json };
      requests.push(recorded);
      current(recorded, res);
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    handle: (next) => {
      current = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A loopback port that nothing listens on (bound, then released). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
