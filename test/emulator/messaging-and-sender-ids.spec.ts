import { describe, expect, it } from '@jest/globals';
import { TermiiEmulator, TermiiEmulatorHandle, type TermiiEmulatorReply } from '../../lib/emulator/index.js';

const KEY = 'emulator-key';
const PHONE = '2348109477743';
const OTHER = '2348012345678';
const THIRD = '2347031234567';

function post(path: string, body: Record<string, unknown>) {
  return { method: 'POST', path, body: JSON.stringify({ api_key: KEY, ...body }) };
}
const sendMessage = (overrides: Record<string, unknown> = {}) =>
  post('/api/sms/send', { to: PHONE, from: 'Acme', sms: 'Hello', type: 'plain', channel: 'dnd', ...overrides });
const sendBulk = (overrides: Record<string, unknown> = {}) =>
  post('/api/sms/send/bulk', {
    to: [PHONE, OTHER],
    from: 'Acme',
    sms: 'Hi',
    type: 'plain',
    channel: 'dnd',
    ...overrides,
  });
const sendToken = (from = 'Acme') =>
  post('/api/sms/otp/send', {
    pin_type: 'NUMERIC',
    to: PHONE,
    from,
    channel: 'dnd',
    pin_attempts: 3,
    pin_time_to_live: 5,
    pin_length: 6,
    pin_placeholder: '< 1234 >',
    message_text: 'Code < 1234 >',
  });
const listSenderIds = (query = '') => ({
  method: 'GET',
  path: `/api/sender-id?api_key=${KEY}${query}`,
  body: '',
});
const requestSenderId = (body: Record<string, unknown>) => post('/api/sender-id/request', body);

function responseOf(reply: TermiiEmulatorReply): { status: number; body: Record<string, unknown> } {
  if (reply.action !== 'respond') throw new Error(`expected an answer, got ${reply.action}`);
  return { status: reply.response.status, body: JSON.parse(reply.response.body) as Record<string, unknown> };
}

describe('the emulator’s Messaging API', () => {
  it('answers Termii’s current shape, and puts one outbox entry per recipient with the request’s message id', () => {
    const emulator = new TermiiEmulator({ accountName: 'Ada' });
    const { status, body } = responseOf(emulator.handle(sendMessage({ to: [PHONE, OTHER, THIRD] })));
    expect(status).toBe(200);
    expect(body).toEqual({
      code: 'ok',
      balance: 1000 - 3 * 3.9,
      message_id: expect.stringMatching(/^\d{19}$/),
      message: 'Successfully Sent',
      user: 'Ada',
      message_id_str: body['message_id'],
    });
    const messages = emulator.messages;
    expect(messages.map((m) => m.recipient)).toEqual([PHONE, OTHER, THIRD]);
    for (const message of messages) {
      expect(message).toMatchObject({
        channel: 'sms',
        smsChannel: 'dnd',
        from: 'Acme',
        text: 'Hello',
        messageType: 'plain',
        pages: 1,
        messageId: body['message_id'],
        status: 'Message Sent',
        cost: 3.9,
      });
    }
  });

  it('bills per page and per recipient: GSM-7 160 / 153, unicode 70 / 67', () => {
    const emulator = new TermiiEmulator({ balance: 1000, prices: { sms: 2 } });
    const cases: [string, string, number][] = [
      ['a'.repeat(160), 'plain', 1],
      ['a'.repeat(161), 'plain', 2],
      ['a'.repeat(307), 'plain', 3],
      ['ẹ'.repeat(70), 'unicode', 1],
      ['ẹ'.repeat(71), 'unicode', 2],
      ['ẹ'.repeat(135), 'unicode', 3],
    ];
    let expected = 1000;
    for (const [sms, type, pages] of cases) {
      expect(responseOf(emulator.handle(sendMessage({ to: [PHONE, OTHER], sms, type }))).status).toBe(200);
      expected -= 2 * pages * 2;
      expect(emulator.balance).toBe(expected);
      expect(emulator.messages.at(-1)).toMatchObject({ pages, cost: 2 * pages });
    }
  });

  it('refuses a request the balance cannot pay in whole: 400 "Insufficient balance", nothing sent, nothing taken', () => {
    const emulator = new TermiiEmulator({ balance: 7.7, prices: { sms: 3.9 } });
    expect(responseOf(emulator.handle(sendMessage({ to: [PHONE, OTHER] })))).toEqual({
      status: 400,
      body: { message: 'Insufficient balance' },
    });
    expect([emulator.balance, emulator.messages.length]).toEqual([7.7, 0]);
    expect(responseOf(emulator.handle(sendMessage({ to: PHONE }))).status).toBe(200);
    expect(emulator.balance).toBe(3.8);
  });

  it('bulk: up to 100 a request, dnd or generic only, no media; one message id for the request', () => {
    const emulator = new TermiiEmulator({ balance: 100_000 });
    const hundred = Array.from({ length: 100 }, (_, i) => `23481${String(i).padStart(8, '0')}`);
    const ok = responseOf(emulator.handle(sendBulk({ to: hundred })));
    expect(ok.status).toBe(200);
    expect(new Set(emulator.messages.map((m) => m.messageId))).toEqual(new Set([ok.body['message_id']]));
    expect(emulator.messages).toHaveLength(100);
    const refused = [
      sendBulk({ to: [...hundred, '2348000000000'] }),
      sendBulk({ to: PHONE }),
      sendBulk({ channel: 'whatsapp' }),
      sendBulk({ media: { url: 'https://x.example/a.png' } }),
      sendBulk({ to: [PHONE, PHONE] }),
    ];
    for (const request of refused) expect(responseOf(emulator.handle(request)).status).toBe(400);
    expect(emulator.messages).toHaveLength(100);
  });

  it('on the generic route, a number on the DND list gets nothing but is billed, as Termii does', () => {
    const emulator = new TermiiEmulator({ dndNumbers: [OTHER] });
    emulator.handle(sendMessage({ to: [PHONE, OTHER], channel: 'generic' }));
    expect(emulator.messages.map((m) => [m.recipient, m.status])).toEqual([
      [PHONE, 'Message Sent'],
      [OTHER, 'DND Active on Phone Number'],
    ]);
    expect(emulator.balance).toBe(1000 - 2 * 3.9);
  });

  it('WhatsApp: media travels without sms, from names a device (not checked against the registry)', () => {
    const emulator = new TermiiEmulator({ senderIds: [{ senderId: 'Acme', status: 'active' }] });
    const media = { url: 'https://cdn.example.com/receipt.pdf', caption: 'Receipt' };
    const sent = emulator.handle(sendMessage({ channel: 'whatsapp', from: 'Support Phone', sms: undefined, media }));
    expect(responseOf(sent).status).toBe(200);
    expect(emulator.lastMessageFor(PHONE)).toMatchObject({
      channel: 'whatsapp',
      from: 'Support Phone',
      media,
      cost: 2,
    });
    expect(emulator.lastMessageFor(PHONE)?.text).toBeUndefined();
    for (const body of [
      { channel: 'whatsapp', media },
      { channel: 'dnd', sms: undefined, media },
      { channel: 'voice', type: 'plain' },
      { type: 'encrypted' },
      { sms: undefined },
    ]) {
      expect(responseOf(emulator.handle(sendMessage(body))).status).toBe(400);
    }
  });

  it('voice messages go out as voice; the Number API needs no sender ID; templates land with their variables', () => {
    const emulator = new TermiiEmulator({ senderIds: [{ senderId: 'Acme', status: 'active' }] });
    emulator.handle(sendMessage({ channel: 'voice', type: 'voice', sms: 'Your code is 1 2 3 4' }));
    expect(emulator.lastMessageFor(PHONE)).toMatchObject({ channel: 'voice', messageType: 'voice', cost: 5 });
    const fromNumber = emulator.handle(post('/api/sms/number/send', { to: OTHER, sms: 'Ride here 🚗' }));
    expect(responseOf(fromNumber).body).toMatchObject({ code: 'ok', message_id: expect.stringMatching(/^\d{19}$/) });
    expect(emulator.lastMessageFor(OTHER)).toMatchObject({ channel: 'sms', messageType: 'unicode', pages: 1 });
    expect(emulator.lastMessageFor(OTHER)?.from).toBeUndefined();
    const template = { phone_number: THIRD, device_id: 'dev-1', template_id: 'tpl-1', data: { name: 'Ada' } };
    expect(responseOf(emulator.handle(post('/api/send/template', template))).status).toBe(200);
    expect(emulator.lastMessageFor(THIRD)).toMatchObject({
      channel: 'whatsapp',
      template: { templateId: 'tpl-1', deviceId: 'dev-1', data: { name: 'Ada' } },
    });
    const media = { url: 'https://cdn.example.com/a.png' };
    expect(responseOf(emulator.handle(post('/api/send/template/media', { ...template, media }))).status).toBe(200);
    expect(emulator.lastMessageFor(THIRD)?.media).toEqual(media);
    expect(responseOf(emulator.handle(post('/api/send/template', { ...template, media }))).status).toBe(400);
    expect(responseOf(emulator.handle(post('/api/send/template/media', template))).status).toBe(400);
  });
});

describe('the emulator’s sender-ID registry', () => {
  it('with none configured, every sender ID may send (as before)', () => {
    const emulator = new TermiiEmulator();
    expect(responseOf(emulator.handle(sendMessage({ from: 'Anything' }))).status).toBe(200);
    expect(responseOf(emulator.handle(sendToken('Anything'))).status).toBe(200);
  });

  it('refuses a message or a Send Token from a sender ID that is not active with 404 "Invalid Sender Id", charging nothing', () => {
    const emulator = new TermiiEmulator({
      senderIds: [
        { senderId: 'Acme', status: 'active' },
        { senderId: 'Shop', status: 'pending' },
        { senderId: 'Old', status: 'blocked' },
      ],
    });
    for (const from of ['Shop', 'Old', 'Unknown']) {
      for (const request of [sendMessage({ from }), sendBulk({ from }), sendToken(from)]) {
        expect(responseOf(emulator.handle(request))).toEqual({ status: 404, body: { message: 'Invalid Sender Id' } });
      }
    }
    expect([emulator.balance, emulator.messages.length]).toEqual([1000, 0]);
    expect(responseOf(emulator.handle(sendMessage({ from: 'Acme' }))).status).toBe(200);
  });

  it('the handle approves and blocks sender IDs; a request adds a pending one; reset() restores the option', () => {
    const emulator = new TermiiEmulator({ senderIds: [{ senderId: 'Acme', status: 'active' }] });
    const handle = new TermiiEmulatorHandle(emulator);
    const requested = emulator.handle(
      requestSenderId({ sender_id: 'Shop', use_case: 'Receipts', company: 'Shop Ltd' }),
    );
    expect(responseOf(requested)).toEqual({
      status: 200,
      body: { code: 'ok', message: 'Sender Id requested. You will be  contacted by your account manager.' },
    });
    expect(handle.senderIds.map((s) => [s.senderId, s.status])).toEqual([
      ['Acme', 'active'],
      ['Shop', 'pending'],
    ]);
    expect(handle.senderIds[1]).toMatchObject({ company: 'Shop Ltd', useCase: 'Receipts', country: 'Nigeria' });
    expect(responseOf(emulator.handle(sendMessage({ from: 'Shop' }))).status).toBe(404);
    handle.approveSenderId('Shop');
    expect(responseOf(emulator.handle(sendMessage({ from: 'Shop' }))).status).toBe(200);
    handle.blockSenderId('Acme');
    expect(responseOf(emulator.handle(sendMessage({ from: 'Acme' }))).status).toBe(404);
    handle.reset();
    expect(handle.senderIds.map((s) => [s.senderId, s.status])).toEqual([['Acme', 'active']]);
  });

  it('approving the first sender ID turns the registry on: others are refused from then on', () => {
    const handle = new TermiiEmulatorHandle(new TermiiEmulator());
    handle.approveSenderId('Acme');
    expect(responseOf(handle.emulator.handle(sendMessage({ from: 'Other' }))).status).toBe(404);
  });

  it('a request reads use_case: only usecase is "Use case cannot be empty"; a known sender ID is refused', () => {
    const emulator = new TermiiEmulator({ senderIds: [{ senderId: 'Acme', status: 'active' }] });
    expect(responseOf(emulator.handle(requestSenderId({ sender_id: 'Shop', usecase: 'x', company: 'S' })))).toEqual({
      status: 400,
      body: { message: 'Use case cannot be empty' },
    });
    const both = { sender_id: 'Acme', use_case: 'x', usecase: 'x', company: 'A' };
    expect(responseOf(emulator.handle(requestSenderId(both))).status).toBe(400);
    expect(responseOf(emulator.handle(requestSenderId({ ...both, sender_id: 'ABCDEFGHIJKL' }))).status).toBe(400);
    expect(emulator.senderIds.list()).toHaveLength(1);
  });

  it('lists in the Spring shape, 15 a page from page 0, filtered by name (contained, any case) and status', () => {
    const seed = Array.from({ length: 20 }, (_, i) => ({
      senderId: `Brand${String(i).padStart(2, '0')}`,
      status: i % 2 === 0 ? ('active' as const) : ('pending' as const),
    }));
    const emulator = new TermiiEmulator({ senderIds: [...seed, { senderId: 'Other', status: 'blocked' }] });
    const first = responseOf(emulator.handle(listSenderIds())).body;
    expect(first).toMatchObject({
      totalElements: 21,
      totalPages: 2,
      number: 0,
      size: 15,
      first: true,
      last: false,
      empty: false,
      numberOfElements: 15,
    });
    expect((first['content'] as unknown[])[0]).toEqual({
      sender_id: 'Brand00',
      status: 'active',
      country: 'Nigeria',
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    const second = responseOf(emulator.handle(listSenderIds('&page=1'))).body;
    expect(second).toMatchObject({ number: 1, last: true, numberOfElements: 6 });
    const pending = responseOf(emulator.handle(listSenderIds('&status=pending&name=BRAND1'))).body;
    expect((pending['content'] as { sender_id: string }[]).map((row) => row.sender_id)).toEqual([
      'Brand11',
      'Brand13',
      'Brand15',
      'Brand17',
      'Brand19',
    ]);
    const beyond = responseOf(emulator.handle(listSenderIds('&page=5'))).body;
    expect(beyond).toMatchObject({ content: [], empty: true, last: true });
    expect(responseOf(emulator.handle(listSenderIds('&page=-1'))).status).toBe(400);
    expect(responseOf(emulator.handle(listSenderIds('&status=approved'))).status).toBe(400);
    // A GET that declares a JSON body: an empty 200, as v3 hosts answer.
    const typed = emulator.handle({ ...listSenderIds(), headers: { 'content-type': 'application/json' } });
    expect(typed).toEqual({ action: 'respond', delayMs: 0, response: { status: 200, headers: {}, body: '' } });
  });
});
