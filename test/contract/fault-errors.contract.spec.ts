import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { Test, type TestingModule } from '@nestjs/testing';
import {
  InAppTokenService,
  TermiiApiError,
  TermiiAuthenticationError,
  TermiiConnectionError,
  TermiiInsufficientBalanceError,
  TermiiModule,
  TermiiRateLimitError,
  TermiiResponseError,
  TermiiServerError,
  TermiiTimeoutError,
} from '../../lib/index.js';
import { TermiiFaults, type TermiiFault, type TermiiRecordedRequest } from '../../lib/emulator/index.js';
import { startTermiiSandbox, type TermiiSandbox } from '../../lib/sandbox/index.js';
import { TermiiTestingController, TermiiTestingModule } from '../../lib/testing/index.js';

const KEY = 'fault-canary-key-5d1e9b';
// Generous: on a busy machine a plain 401 round trip has taken over 150 ms and turned into a timeout.
const TIMEOUT_MS = 500;
const PHONE = '2348109477743';

/** A face the service runs against, with the fault injection and request log it offers. */
interface ServiceFace {
  service: InAppTokenService;
  fail(fault: TermiiFault): void;
  requests(): TermiiRecordedRequest[];
  reset(): void;
}

interface FaultRow {
  name: string;
  fault: TermiiFault;
  errorClass: new (...args: never[]) => Error;
  check?: (error: Record<string, unknown>) => void;
}

const rows: FaultRow[] = [
  {
    name: '401',
    fault: TermiiFaults.unauthorized(),
    errorClass: TermiiAuthenticationError,
    check: (e) => expect(e['status']).toBe(401),
  },
  {
    name: '403',
    fault: TermiiFaults.status(403, { message: 'Your account is not active' }),
    errorClass: TermiiAuthenticationError,
    check: (e) => expect(e['status']).toBe(403),
  },
  {
    name: '429 with Retry-After in seconds',
    fault: TermiiFaults.rateLimited(30),
    errorClass: TermiiRateLimitError,
    check: (e) => expect(e).toMatchObject({ status: 429, retryAfterMs: 30_000 }),
  },
  {
    name: '502 with an HTML page',
    fault: TermiiFaults.html(502),
    errorClass: TermiiServerError,
    check: (e) => {
      expect(e['status']).toBe(502);
      expect(String(e['message'])).not.toContain('<html');
    },
  },
  {
    name: '500 with a JSON message',
    fault: TermiiFaults.status(500, { message: 'Service temporarily unavailable' }),
    errorClass: TermiiServerError,
    check: (e) => expect(String(e['message'])).toContain('Service temporarily unavailable'),
  },
  {
    name: '400 with a JSON message (not a verify outcome)',
    fault: TermiiFaults.status(400, { message: 'You are not set up on this route' }),
    errorClass: TermiiApiError,
    check: (e) => expect(e).toMatchObject({ status: 400, termiiMessage: 'You are not set up on this route' }),
  },
  {
    name: '400 "Insufficient balance"',
    fault: TermiiFaults.status(400, { message: 'Insufficient balance' }),
    errorClass: TermiiInsufficientBalanceError,
    check: (e) => expect(e).toMatchObject({ status: 400, termiiMessage: 'Insufficient balance' }),
  },
  {
    name: 'an answer later than timeoutMs',
    fault: TermiiFaults.delay(TIMEOUT_MS + 250),
    errorClass: TermiiTimeoutError,
    check: (e) => expect(e).toMatchObject({ phase: 'response', timeoutMs: TIMEOUT_MS }),
  },
  {
    name: 'no answer at all',
    fault: TermiiFaults.hang(),
    errorClass: TermiiTimeoutError,
    check: (e) => expect(e['phase']).toBe('response'),
  },
  { name: 'headers, then no body', fault: TermiiFaults.stall(200), errorClass: TermiiTimeoutError },
  {
    name: 'a dropped connection',
    fault: TermiiFaults.drop(),
    errorClass: TermiiConnectionError,
    check: (e) => expect(e).toMatchObject({ code: 'ECONNRESET', mayHaveReachedTermii: true, attempts: 1 }),
  },
  {
    name: '200 with invalid JSON',
    fault: TermiiFaults.invalidJson(200),
    errorClass: TermiiResponseError,
    check: (e) => expect(e['status']).toBe(200),
  },
  { name: '200 with the wrong shape', fault: TermiiFaults.wrongShape(200), errorClass: TermiiResponseError },
];

const operations = {
  generate: (service: InAppTokenService) => service.generate({ phoneNumber: PHONE }),
  verify: (service: InAppTokenService) =>
    service.verify({ pinId: 'c8dcd048-5e7f-4347-8c89-4470c3af0b00', pin: '1234' }),
};

async function sandboxServiceFace(): Promise<{ face: ServiceFace; close: () => Promise<void> }> {
  const sandbox: TermiiSandbox = await startTermiiSandbox();
  const moduleRef: TestingModule = await Test.createTestingModule({
    imports: [TermiiModule.forRoot({ apiKey: KEY, baseUrl: sandbox.url, timeoutMs: TIMEOUT_MS })],
  }).compile();
  return {
    face: {
      service: moduleRef.get(InAppTokenService),
      fail: (fault) => sandbox.fail(fault),
      requests: () => sandbox.requests,
      reset: () => sandbox.reset(),
    },
    close: async () => {
      await moduleRef.close();
      await sandbox.close();
    },
  };
}

async function testingModuleFace(): Promise<{ face: ServiceFace; close: () => Promise<void> }> {
  const moduleRef = await Test.createTestingModule({
    imports: [TermiiTestingModule.forRoot({ apiKey: KEY, timeoutMs: TIMEOUT_MS })],
  }).compile();
  const controller = moduleRef.get(TermiiTestingController);
  return {
    face: {
      service: moduleRef.get(InAppTokenService),
      fail: (fault) => controller.fail(fault),
      requests: () => controller.requests,
      reset: () => controller.reset(),
    },
    close: () => moduleRef.close(),
  };
}

describe.each([
  ['the sandbox (TermiiModule over HTTP)', sandboxServiceFace],
  ['TermiiTestingModule (in memory)', testingModuleFace],
])('fault injection drives each error class: %s', (_name, start) => {
  let face: ServiceFace;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ face, close } = await start());
  });
  afterAll(() => close());
  beforeEach(() => face.reset());

  const table = rows.flatMap((row) =>
    (['generate', 'verify'] as const).map((operation) => [row.name, operation, row] as const),
  );

  it.each(table)('%s on %s', async (_rowName, operation, row) => {
    face.fail(row.fault);
    const error = await operations[operation](face.service).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(row.errorClass);
    // The exact class, not a parent or a sibling: TermiiApiError must not be a subclass here.
    expect((error as Error).constructor).toBe(row.errorClass);
    expect(error).toMatchObject({ operation });
    row.check?.(error as Record<string, unknown>);
    // Reached once and never retried; the key is in neither the error nor the log of requests.
    const requests = face.requests();
    expect(requests).toHaveLength(1);
    expect(requests[0].fault).toBe(row.fault.kind);
    expect(JSON.stringify(requests)).not.toContain(KEY);
    expect(`${String(error)} ${(error as Error).stack} ${JSON.stringify(error)}`).not.toContain(KEY);
  });

  it('answers normally again once the fault is used', async () => {
    face.fail(TermiiFaults.status(503));
    await expect(face.service.generate({ phoneNumber: PHONE })).rejects.toBeInstanceOf(TermiiServerError);
    await expect(face.service.generate({ phoneNumber: PHONE })).resolves.toMatchObject({ phoneNumber: PHONE });
  });
});
