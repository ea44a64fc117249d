/**
 * The emulator's Insights pieces on their own: the outbox's `setStatus` (what a delivery report writes),
 * History's rows for every channel (WhatsApp included, which no route delivers yet), the network guess, and
 * the delivery reporter writing the reported status when, and only when, it posts.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import { TermiiDeliveryReporter, TermiiEmulator, type TermiiOutboxMessage } from '../../lib/emulator/index.js';
import type { TermiiEmulatorState } from '../../lib/emulator/emulator-state.js';
import { TermiiDndList } from '../../lib/emulator/insights/dnd-list.js';
import { messageHistoryAnswer } from '../../lib/emulator/insights/message-history.js';
import { nigerianNetworkOf } from '../../lib/emulator/insights/nigerian-networks.js';
import { TermiiPortedNumbers } from '../../lib/emulator/insights/ported-numbers.js';
import { TermiiSenderIdRegistry } from '../../lib/emulator/sender-ids/sender-id-registry.js';
import { TermiiOutbox } from '../../lib/emulator/termii-outbox.js';
import { TermiiWallet } from '../../lib/emulator/termii-wallet.js';
import { reply, startScriptedServer, type ScriptedServer } from '../support/scripted-server.js';

const ID = '3017544054459083819856413';

function entry(overrides: Partial<TermiiOutboxMessage>): TermiiOutboxMessage {
  return {
    channel: 'sms',
    recipient: '2348109477743',
    messageId: ID,
    status: 'Message Sent',
    cost: 3.9,
    sentAt: 0,
    ...overrides,
  };
}

function stateWith(outbox: TermiiOutbox): TermiiEmulatorState {
  return {
    now: () => 0,
    wallet: new TermiiWallet({}),
    outbox,
    senderIds: new TermiiSenderIdRegistry([], 0),
    dnd: new TermiiDndList(),
    ported: new TermiiPortedNumbers(),
    accountName: 'Test',
    historyLimit: 10,
  };
}

describe('TermiiOutbox.setStatus', () => {
  it('replaces the status of the entries of one message to one recipient (any formatting), and no other', () => {
    const outbox = new TermiiOutbox(10);
    outbox.deliver(entry({}));
    outbox.deliver(entry({ recipient: '2348031234567' }));
    outbox.deliver(entry({ messageId: '9122821270554876574' }));
    expect(outbox.setStatus(ID, '+234 810 947 7743', 'Delivered')).toBe(true);
    expect(outbox.messages.map((m) => m.status)).toEqual(['Delivered', 'Message Sent', 'Message Sent']);
    expect(outbox.setStatus('1', '2348109477743', 'Delivered')).toBe(false);
  });

  it('writes to the outbox only: copies handed out before stay as they were', () => {
    const outbox = new TermiiOutbox(10);
    const delivered = outbox.deliver(entry({}));
    const read = outbox.messages[0];
    outbox.setStatus(ID, '2348109477743', 'Expired');
    expect([delivered.status, read.status, outbox.messages[0].status]).toEqual([
      'Message Sent',
      'Message Sent',
      'Expired',
    ]);
  });
});

describe('History rows', () => {
  it('maps every channel: sms_type by route, voice rows without sender, WhatsApp with its caption; no email; newest first', () => {
    const outbox = new TermiiOutbox(10);
    outbox.deliver(entry({ smsChannel: 'generic', from: 'Acme', text: 'hi', sentAt: Date.UTC(2025, 7, 7, 14, 5, 53) }));
    outbox.deliver(entry({ channel: 'email', recipient: 'ada@example.com', messageId: '2' }));
    outbox.deliver(entry({ channel: 'voice', from: 'Acme', messageId: '3', code: '1234', cost: 5 }));
    outbox.deliver(
      entry({
        channel: 'whatsapp',
        from: 'device-1',
        messageId: '4',
        media: { url: 'https://x.test/a.png', caption: 'Look' },
      }),
    );
    outbox.deliver(entry({ channel: 'whatsapp', from: 'device-1', messageId: '5', text: 'Hello' }));
    const response = messageHistoryAnswer(stateWith(outbox), new URLSearchParams());
    expect(response.status).toBe(200);
    const rows = JSON.parse(response.body) as Record<string, unknown>[];
    expect(rows.map((row) => [row['message_id'], row['sms_type'], row['sender'], row['message']])).toEqual([
      ['5', 'whatsapp', 'device-1', 'Hello'],
      ['4', 'whatsapp', 'device-1', 'Look'],
      ['3', 'voice', undefined, ''],
      [ID, 'generic', 'Acme', 'hi'],
    ]);
    expect(Object.keys(rows[2])).not.toContain('sender');
    expect(rows[3]).toMatchObject({ created_at: '2025-08-07 14:05:53', amount: 3.9, reroute: 0, send_by: 'api' });
  });
});

describe('the Nigerian network guess', () => {
  it.each([
    ['2348031234567', 'MTN Nigeria'],
    ['08031234567', 'MTN Nigeria'],
    ['+234 701 234 5678', 'Airtel Nigeria'],
    ['2348111234567', 'Glo Nigeria'],
    ['2349081234567', '9mobile Nigeria'],
  ])('%s → %s', (phone, network) => {
    expect(nigerianNetworkOf(phone)?.name).toBe(network);
  });

  it.each(['2347031234567', '234803123456', '447700900123', '0803123456', '8031234567'])('%s → none', (phone) => {
    expect(nigerianNetworkOf(phone)).toBeUndefined();
  });
});

describe('the delivery reporter and the outbox status', () => {
  let webhook: ScriptedServer | undefined;
  let reporter: TermiiDeliveryReporter | undefined;
  afterEach(async () => {
    await reporter?.close();
    await webhook?.close();
  });

  const sendBody = (channel: string) =>
    JSON.stringify({
      api_key: 'k',
      message_type: 'NUMERIC',
      to: '2348109477743',
      from: 'Acme',
      channel,
      pin_attempts: 3,
      pin_time_to_live: 5,
      pin_length: 6,
      pin_placeholder: '< 1234 >',
      message_text: 'Code < 1234 >',
    });

  it('without a webhook nothing is reported, so the status stays what the send left', () => {
    const emulator = new TermiiEmulator({ dndNumbers: ['2348109477743'] });
    reporter = new TermiiDeliveryReporter(emulator);
    emulator.handle({ method: 'POST', path: '/api/sms/otp/send', body: sendBody('dnd') });
    emulator.handle({ method: 'POST', path: '/api/sms/otp/send', body: sendBody('generic') });
    expect(reporter.pendingCount).toBe(0);
    expect(emulator.messages.map((m) => m.status)).toEqual(['Message Sent', 'DND Active on Phone Number']);
  });

  it('writes the status when the report is posted, not when it is scheduled', async () => {
    webhook = await startScriptedServer((_req, res) => reply(res, 200, {}));
    const emulator = new TermiiEmulator();
    reporter = new TermiiDeliveryReporter(emulator, {
      webhookUrl: webhook.url,
      webhookSecret: 's',
      deliveryReportDelayMs: 60_000,
    });
    reporter.nextOutcome('rejected');
    emulator.handle({ method: 'POST', path: '/api/sms/otp/send', body: sendBody('dnd') });
    expect(emulator.messages[0].status).toBe('Message Sent');
    await reporter.flush();
    expect(emulator.messages[0].status).toBe('Rejected');
    expect(webhook.requests).toHaveLength(1);
  });
});
