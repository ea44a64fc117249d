import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import * as http from 'node:http';
import { inspect } from 'node:util';
import { startTermiiSandbox, TermiiFaults, type TermiiSandbox } from '../../lib/sandbox/index.js';

/** Termii's sample request, exactly as on its page; only the base URL differs. */
const SAMPLE_BODY = {
  api_key: 'Your API Key',
  pin_type: 'NUMERIC',
  phone_number: '2348109477743',
  pin_attempts: 3,
  pin_time_to_live: 0,
  pin_length: 4,
};

/** A raw node:http POST, so that headers go out exactly as given (e.g. twice). */
function rawPost(
  url: string,
  body: string,
  headers: http.OutgoingHttpHeaders,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', headers, agent: false }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode!, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('startTermiiSandbox', () => {
  let sandbox: TermiiSandbox;

  beforeAll(async () => {
    sandbox = await startTermiiSandbox();
  });
  afterAll(() => sandbox.close());

  it('listens on loopback by default, on a free port', () => {
    expect(sandbox.host).toBe('127.0.0.1');
    expect(sandbox.port).toBeGreaterThan(0);
    expect(sandbox.url).toBe(`http://127.0.0.1:${sandbox.port}`);
  });

  it("answers Termii's sample request unchanged, including the NodeJS sample's doubled Content-Type", async () => {
    const answer = await rawPost(`${sandbox.url}/api/sms/otp/generate`, JSON.stringify(SAMPLE_BODY), {
      'Content-Type': ['application/json', 'application/json'],
    });
    expect(answer.status).toBe(200);
    const { data } = JSON.parse(answer.body) as { data: { pin_id: string; otp: string; phone_number: string } };
    expect(data.otp).toMatch(/^\d{4}$/);
    expect(sandbox.pinsFor('2348109477743').at(-1)).toMatchObject({
      pinId: data.pin_id,
      otp: data.otp,
      pinAttempts: 3,
      pinTimeToLive: 0,
    });

    // The Java sample's body: CRLFs and extra spaces inside the JSON.
    const javaBody =
      '{\r\n  "api_key": "Your API Key",\r\n    "pin_type": "NUMERIC",\r\n  "phone_number": "2348109477743",\r\n    "pin_attempts": 3,\r\n   "pin_time_to_live": 0,\r\n    "pin_length": 4\r\n }';
    const java = await rawPost(`${sandbox.url}/api/sms/otp/generate`, javaBody, { 'Content-Type': 'application/json' });
    expect(java.status).toBe(200);
    expect(sandbox.lastOtp('2348109477743')).toBe((JSON.parse(java.body) as { data: { otp: string } }).data.otp);
  });

  it('refuses the PHP sample, whose pin_type is misspelt, as Termii would (pin_type is required)', async () => {
    const { pin_type: _, ...rest } = SAMPLE_BODY;
    const answer = await rawPost(
      `${sandbox.url}/api/sms/otp/generate`,
      JSON.stringify({ ...rest, pint_type: 'NUMERIC' }),
      {
        'Content-Type': 'application/json',
      },
    );
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body)).toEqual({ message: expect.stringContaining('pin_type is required') });
  });

  it('masks the API key in what it records, also in a query string', async () => {
    await rawPost(
      `${sandbox.url}/api/sms/otp/generate?api_key=query-secret-123`,
      JSON.stringify({ ...SAMPLE_BODY, api_key: 'body-secret-456' }),
      {
        'Content-Type': 'application/json',
      },
    );
    const recorded = JSON.stringify(sandbox.requests);
    expect(recorded).not.toContain('query-secret-123');
    expect(recorded).not.toContain('body-secret-456');
    expect(sandbox.requests.at(-1)).toMatchObject({
      path: '/api/sms/otp/generate?api_key=[REDACTED]',
      body: { api_key: '[REDACTED]' },
    });
  });

  it('applies a queued fault to the next requests of the named operation only, then answers normally', async () => {
    sandbox.fail(TermiiFaults.status(503, { message: 'down' }), { times: 2, operation: 'verify' });
    const verifyBody = JSON.stringify({ api_key: 'k', pin_id: 'x', pin: '1234' });
    const generated = await rawPost(`${sandbox.url}/api/sms/otp/generate`, JSON.stringify(SAMPLE_BODY), {
      'Content-Type': 'application/json',
    });
    expect(generated.status).toBe(200);
    expect((await rawPost(`${sandbox.url}/api/sms/otp/verify`, verifyBody, {})).status).toBe(503);
    expect((await rawPost(`${sandbox.url}/api/sms/otp/verify`, verifyBody, {})).status).toBe(503);
    expect((await rawPost(`${sandbox.url}/api/sms/otp/verify`, verifyBody, {})).status).toBe(422);
  });

  it('drops the connection at the socket level', async () => {
    sandbox.fail(TermiiFaults.drop());
    await expect(rawPost(`${sandbox.url}/api/sms/otp/generate`, JSON.stringify(SAMPLE_BODY), {})).rejects.toMatchObject(
      { code: 'ECONNRESET' },
    );
  });

  it('sends Retry-After with a 429', async () => {
    sandbox.fail(TermiiFaults.rateLimited(7));
    const res = await fetch(`${sandbox.url}/api/sms/otp/generate`, {
      method: 'POST',
      body: JSON.stringify(SAMPLE_BODY),
    });
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('7');
    await res.text();
  });

  it('holds a delayed answer for the delay', async () => {
    sandbox.fail(TermiiFaults.delay(150));
    const started = performance.now();
    const res = await fetch(`${sandbox.url}/api/sms/otp/generate`, {
      method: 'POST',
      body: JSON.stringify(SAMPLE_BODY),
    });
    expect(res.status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
    await res.text();
  });

  it('refuses a body over 1 MiB without reading it into memory', async () => {
    const answer = await rawPost(`${sandbox.url}/api/sms/otp/generate`, 'x'.repeat(1024 * 1024 + 1), {});
    expect(answer.status).toBe(413);
  });
});

describe('closing the sandbox', () => {
  it('ends exchanges held open by a hang fault, and refuses connections afterwards', async () => {
    const sandbox = await startTermiiSandbox();
    sandbox.fail(TermiiFaults.hang());
    const pending = rawPost(`${sandbox.url}/api/sms/otp/generate`, JSON.stringify(SAMPLE_BODY), {});
    // Wait until the request has been received, then close while it is held.
    for (let i = 0; i < 100 && sandbox.requests.length === 0; i++) await new Promise((r) => setTimeout(r, 5));
    expect(sandbox.requests).toHaveLength(1);
    await sandbox.close();
    await expect(pending).rejects.toThrow();
    await expect(fetch(`${sandbox.url}/api/sms/otp/generate`, { method: 'POST', body: '{}' })).rejects.toThrow();
  });

  it('accepts only the configured keys when apiKeys is given', async () => {
    const sandbox = await startTermiiSandbox({ apiKeys: ['the-one-key'] });
    try {
      const ok = await rawPost(
        `${sandbox.url}/api/sms/otp/generate`,
        JSON.stringify({ ...SAMPLE_BODY, api_key: 'the-one-key' }),
        {},
      );
      const refused = await rawPost(`${sandbox.url}/api/sms/otp/generate`, JSON.stringify(SAMPLE_BODY), {});
      expect([ok.status, refused.status]).toEqual([200, 401]);
      // The accepted keys are held privately: not even the handle's inspection shows them.
      expect(inspect(sandbox, { depth: null, showHidden: true })).not.toContain('the-one-key');
    } finally {
      await sandbox.close();
    }
  });
});
