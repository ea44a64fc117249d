/**
 * `InsightsService` against `TermiiTestingModule`'s in-memory emulator, as an app's test meets it: Search
 * from the DND list, Status with `ported` set on `TermiiTestingController`, and History showing what
 * `TokenService` sent — held back on the generic route for a DND number, then each delivery report's status.
 */
import 'reflect-metadata';
import { afterEach, describe, expect, it } from '@jest/globals';
import { Test, type TestingModule } from '@nestjs/testing';
import { InsightsService, TokenChannel, TokenService } from '../../lib/index.js';
import {
  TermiiTestingController,
  TermiiTestingModule,
  type TermiiTestingModuleOptions,
} from '../../lib/testing/index.js';
import { reply, startScriptedServer, type ScriptedServer } from '../support/scripted-server.js';

const DND_PHONE = '2348031234567';
const PHONE = '2348109477743';

describe('TermiiTestingModule: Insights', () => {
  const opened: TestingModule[] = [];
  let webhook: ScriptedServer | undefined;
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((moduleRef) => moduleRef.close()));
    await webhook?.close();
    webhook = undefined;
  });

  async function setUp(options: TermiiTestingModuleOptions = {}) {
    const moduleRef = await Test.createTestingModule({
      imports: [TermiiTestingModule.forRoot({ dndNumbers: [DND_PHONE], token: { senderId: 'Acme' }, ...options })],
    }).compile();
    opened.push(moduleRef);
    await moduleRef.init();
    return {
      insights: moduleRef.get(InsightsService),
      tokens: moduleRef.get(TokenService),
      termii: moduleRef.get(TermiiTestingController),
    };
  }

  it('searchNumber reads the DND list and the network; setDnd changes it', async () => {
    const { insights, termii } = await setUp();
    await expect(insights.searchNumber('+234 803 123 4567')).resolves.toEqual({
      number: DND_PHONE,
      network: 'MTN Nigeria',
      networkCode: '62130',
      rawStatus: 'DND blacklisted',
      dnd: 'active',
    });
    await expect(insights.searchNumber(PHONE)).resolves.toMatchObject({ dnd: 'inactive' });
    termii.setDnd(PHONE, true);
    await expect(insights.searchNumber(PHONE)).resolves.toMatchObject({ dnd: 'active', rawStatus: 'DND blacklisted' });
    expect(termii.requests.map((request) => request.path)).toEqual([
      `/api/check/dnd?api_key=[REDACTED]&phone_number=${DND_PHONE}`,
      `/api/check/dnd?api_key=[REDACTED]&phone_number=${PHONE}`,
      `/api/check/dnd?api_key=[REDACTED]&phone_number=${PHONE}`,
    ]);
  });

  it('getNumberStatus reads ported as setPorted says', async () => {
    const { insights, termii } = await setUp();
    termii.setPorted('2348021234567', true);
    await expect(insights.getNumberStatus({ phoneNumber: '2348021234567', countryCode: 'NG' })).resolves.toEqual({
      number: '2348021234567',
      ported: true,
      countryCode: '234',
      iso: 'NG',
      mobileCountryCode: '621',
      operatorName: 'Airtel Nigeria',
      operatorCode: 'ANG',
      mobileNetworkCode: '20',
      lineType: 'Mobile',
    });
    await expect(insights.getNumberStatus({ phoneNumber: PHONE, countryCode: 'NG' })).resolves.toMatchObject({
      ported: false,
    });
  });

  it('getHistory shows a generic-route SMS to a DND number as held back, the others as sent, newest first', async () => {
    const { insights, tokens, termii } = await setUp();
    const held = await tokens.send({
      phoneNumber: DND_PHONE,
      channel: TokenChannel.GENERIC,
      messageText: 'Code < 1234 >',
    });
    expect(held.smsStatus).toBe('Message Sent');
    await tokens.send({ phoneNumber: PHONE, channel: TokenChannel.DND, messageText: 'Code < 1234 >' });
    const history = await insights.getHistory();
    const [sent, blocked] = termii.messages.slice().reverse();
    expect(history).toEqual([
      {
        messageId: sent.messageId,
        receiver: PHONE,
        sender: 'Acme',
        message: sent.text,
        amount: sent.cost,
        status: 'Message Sent',
        channel: 'dnd',
        sentBy: 'api',
        createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/),
      },
      expect.objectContaining({
        messageId: blocked.messageId,
        receiver: DND_PHONE,
        status: 'DND Active on Phone Number',
      }),
    ]);
    await expect(insights.getHistory({ messageId: blocked.messageId })).resolves.toEqual([history[1]]);
  });

  it("getHistory shows each delivery report's status once posted", async () => {
    webhook = await startScriptedServer((_req, res) => reply(res, 200, {}));
    const { insights, tokens, termii } = await setUp({ webhookUrl: webhook.url, webhookSecret: 'whsec-insights' });
    termii.setDeliveryOutcome(PHONE, 'failed');
    await tokens.send({ phoneNumber: DND_PHONE, channel: TokenChannel.GENERIC, messageText: 'Code < 1234 >' });
    await tokens.send({ phoneNumber: PHONE, messageText: 'Code < 1234 >' });
    await tokens.sendVoice({ phoneNumber: '2349051234567' });
    await termii.flushDeliveryReports();
    const history = await insights.getHistory();
    expect(history.map((report) => [report.receiver, report.channel, report.status])).toEqual([
      ['2349051234567', 'voice', 'Delivered'],
      [PHONE, 'dnd', 'Message Failed'],
      [DND_PHONE, 'generic', 'DND Active on Phone Number'],
    ]);
    // Posted together: they may arrive in any order.
    expect(webhook.requests.map((request) => (request.json as { status: string }).status).sort()).toEqual([
      'DND Active on Phone Number',
      'Delivered',
      'Message Failed',
    ]);
  });
});
