/**
 * `InsightsService` against the sandbox over real HTTP, as an app pointed at it meets it: Search, Status and
 * History answered from the sandbox's emulator, the key in each URL masked in what the sandbox records.
 */
import 'reflect-metadata';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { Test } from '@nestjs/testing';
import type { INestApplicationContext } from '@nestjs/common';
import { InsightsService, TermiiModule, TokenChannel, TokenService } from '../../lib/index.js';
import { startTermiiSandbox, type TermiiSandbox } from '../../lib/sandbox/index.js';

const KEY = 'TLsandbox-insights-key';
const DND_PHONE = '2349091234567';
const PHONE = '2348121234567';

describe('the sandbox: Insights through InsightsService', () => {
  let sandbox: TermiiSandbox;
  let app: INestApplicationContext;
  let insights: InsightsService;

  beforeAll(async () => {
    sandbox = await startTermiiSandbox({ apiKeys: [KEY], dndNumbers: [DND_PHONE] });
    const moduleRef = await Test.createTestingModule({
      imports: [TermiiModule.forRoot({ apiKey: KEY, baseUrl: sandbox.url, token: { senderId: 'Acme' } })],
    }).compile();
    app = await moduleRef.init();
    insights = app.get(InsightsService);
  });
  afterAll(async () => {
    await app.close();
    await sandbox.close();
  });
  beforeEach(() => sandbox.reset());

  it('searchNumber and getNumberStatus answer from the DND list, the prefix and setPorted', async () => {
    await expect(insights.searchNumber(DND_PHONE)).resolves.toEqual({
      number: DND_PHONE,
      network: '9mobile Nigeria',
      networkCode: '62160',
      rawStatus: 'DND blacklisted',
      dnd: 'active',
    });
    sandbox.setPorted(PHONE, true);
    await expect(insights.getNumberStatus({ phoneNumber: PHONE, countryCode: 'NG' })).resolves.toMatchObject({
      number: PHONE,
      ported: true,
      operatorName: 'Airtel Nigeria',
    });
    expect(sandbox.requests.map((request) => [request.operation, request.method, request.path, request.body])).toEqual([
      ['searchNumber', 'GET', `/api/check/dnd?api_key=[REDACTED]&phone_number=${DND_PHONE}`, undefined],
      [
        'getNumberStatus',
        'GET',
        `/api/insight/number/query?api_key=[REDACTED]&phone_number=${PHONE}&country_code=NG`,
        undefined,
      ],
    ]);
    expect(JSON.stringify(sandbox.requests)).not.toContain(KEY);
  });

  it('getHistory lists what TokenService sent, the DND number held back on the generic route', async () => {
    const tokens = app.get(TokenService);
    await tokens.send({ phoneNumber: DND_PHONE, channel: TokenChannel.GENERIC, messageText: 'Code < 1234 >' });
    await tokens.send({ phoneNumber: PHONE, channel: TokenChannel.GENERIC, messageText: 'Code < 1234 >' });
    const history = await insights.getHistory();
    expect(history.map((report) => [report.receiver, report.channel, report.status])).toEqual([
      [PHONE, 'generic', 'Message Sent'],
      [DND_PHONE, 'generic', 'DND Active on Phone Number'],
    ]);
    expect(history.map((report) => report.messageId)).toEqual(sandbox.messages.map((m) => m.messageId).reverse());
  });
});
