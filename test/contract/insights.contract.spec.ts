/**
 * Insights on both faces (the sandbox over HTTP, the testing kit in memory): Search from the DND list and the
 * Nigerian prefixes, Status with `ported` as a test set it, History from the outbox with the status each
 * delivery report gave, and the generic route holding back an SMS to a DND number. Same cases, same results,
 * whichever face.
 */
import 'reflect-metadata';
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import type { TermiiEmulatorOptions } from '../../lib/emulator/index.js';
import { reply, startScriptedServer, type ScriptedServer } from '../support/scripted-server.js';
import { inMemoryFace, sandboxFace, type TermiiFace } from './termii-faces.js';

const KEY = 'insights-contract-key';
const SECRET = 'whsec-insights-contract';
const DND_PHONE = '2348031234567';
const PHONE = '2348109477743';
const OTHER_PHONE = '2349051234567';
const SEND = '/api/sms/otp/send';
const SEND_VOICE = '/api/sms/otp/send/voice';
const CALL = '/api/sms/otp/call';
const SEND_EMAIL = '/api/email/otp/send';

const search = (phone: string, key = KEY) => `/api/check/dnd?api_key=${key}&phone_number=${encodeURIComponent(phone)}`;
const status = (phone: string, country: string) =>
  `/api/insight/number/query?api_key=${KEY}&phone_number=${phone}&country_code=${country}`;
const history = (messageId?: string) =>
  `/api/sms/inbox?api_key=${KEY}${messageId === undefined ? '' : `&message_id=${messageId}`}`;

const sendBody = (to: string, channel: 'dnd' | 'generic') => ({
  api_key: KEY,
  message_type: 'NUMERIC',
  to,
  from: 'Acme',
  channel,
  pin_attempts: 3,
  pin_time_to_live: 5,
  pin_length: 6,
  pin_placeholder: '< 1234 >',
  message_text: 'Your Acme code is < 1234 >.',
});
const voiceBody = { api_key: KEY, phone_number: OTHER_PHONE, pin_attempts: 3, pin_time_to_live: 5, pin_length: 6 };
const callBody = { api_key: KEY, phone_number: PHONE, code: 48213 };
const emailBody = { api_key: KEY, email_address: 'ada@example.com', code: 'A7K2Q9', email_configuration_id: 'cfg-1' };

const faces: [string, (options: TermiiEmulatorOptions) => Promise<TermiiFace>][] = [
  ['sandbox (HTTP)', (options) => sandboxFace(options)],
  ['testing module (in memory)', async (options) => inMemoryFace(options)],
];

/** The prefixes of issue 20, each with the network the emulator must guess and its code. */
const PREFIXES: [string[], string, string][] = [
  [['0803', '0806', '0813', '0816', '0810', '0814', '0903', '0906'], 'MTN Nigeria', '62130'],
  [['0802', '0808', '0812', '0701', '0902', '0907', '0901'], 'Airtel Nigeria', '62120'],
  [['0805', '0807', '0815', '0811', '0905'], 'Glo Nigeria', '62150'],
  [['0809', '0817', '0818', '0909', '0908'], '9mobile Nigeria', '62160'],
];

describe.each(faces)('Insights — %s', (_name, createFace) => {
  let face: TermiiFace;
  let webhook: ScriptedServer;
  const opened: TermiiFace[] = [];

  async function open(options: TermiiEmulatorOptions = {}): Promise<TermiiFace> {
    const created = await createFace({ apiKeys: [KEY], dndNumbers: [DND_PHONE], ...options });
    opened.push(created);
    return created;
  }

  beforeAll(async () => {
    webhook = await startScriptedServer((_req, res) => reply(res, 200, { received: true }));
    face = await open();
  });
  afterEach(async () => {
    face.handle.reset();
    await Promise.all(opened.splice(1).map((other) => other.close()));
  });
  afterAll(async () => {
    await Promise.all(opened.map((each) => each.close()));
    await webhook.close();
  });

  describe('Search', () => {
    it("answers Termii's documented shape: a number on the dndNumbers list is blacklisted, with its network", async () => {
      expect(await face.send('GET', search(DND_PHONE))).toEqual({
        status: 200,
        body: { number: DND_PHONE, status: 'DND blacklisted', network: 'MTN Nigeria', network_code: '62130' },
      });
      expect(await face.send('GET', search('+234 810 947 7743'))).toEqual({
        status: 200,
        body: {
          number: PHONE,
          status: 'DND not active on phone number',
          network: 'MTN Nigeria',
          network_code: '62130',
        },
      });
    });

    it('guesses the network from every Nigerian prefix of the list, international or local; "Unknown" elsewhere', async () => {
      for (const [prefixes, network, code] of PREFIXES) {
        for (const prefix of prefixes) {
          const international = `234${prefix.slice(1)}1234567`;
          for (const phone of [international, `${prefix}1234567`]) {
            const { body } = await face.send('GET', search(phone));
            expect([phone, body]).toEqual([phone, expect.objectContaining({ network, network_code: code })]);
          }
        }
      }
      for (const phone of ['447700900123', '2347031234567', '23480312345678', '2330241234567']) {
        const { body } = await face.send('GET', search(phone));
        expect(body).toEqual({ number: phone, status: 'DND not active on phone number', network: 'Unknown' });
      }
    });

    it('follows setDnd both ways; reset() puts back the dndNumbers', async () => {
      face.handle.setDnd('+234 810-947-7743', true);
      face.handle.setDnd(DND_PHONE, false);
      expect((await face.send('GET', search(PHONE))).body).toMatchObject({ status: 'DND blacklisted' });
      expect((await face.send('GET', search(DND_PHONE))).body).toMatchObject({
        status: 'DND not active on phone number',
      });
      face.handle.reset();
      expect((await face.send('GET', search(PHONE))).body).toMatchObject({ status: 'DND not active on phone number' });
      expect((await face.send('GET', search(DND_PHONE))).body).toMatchObject({ status: 'DND blacklisted' });
      expect(() => face.handle.setDnd('no digits', true)).toThrow(TypeError);
      expect(() => face.handle.setDnd(PHONE, 'yes' as never)).toThrow(TypeError);
    });

    it('answers 400 without a phone number, 401 for a key it does not accept, an empty 200 to a GET that declares JSON', async () => {
      expect(await face.send('GET', `/api/check/dnd?api_key=${KEY}`)).toEqual({
        status: 400,
        body: { message: 'phone_number is required' },
      });
      expect((await face.send('GET', search(PHONE, 'someone-else'))).status).toBe(401);
      expect(await face.send('GET', search(PHONE), undefined, { 'content-type': 'application/json' })).toEqual({
        status: 200,
        body: undefined,
      });
    });
  });

  describe('Status', () => {
    it("answers Termii's documented shape for a Nigerian number, not ported", async () => {
      expect(await face.send('GET', status('2348021234567', 'NG'))).toEqual({
        status: 200,
        body: {
          result: [
            {
              routeDetail: { number: '2348021234567', ported: 0 },
              countryDetail: { countryCode: '234', mobileCountryCode: '621', iso: 'NG' },
              operatorDetail: {
                operatorCode: 'ANG',
                operatorName: 'Airtel Nigeria',
                mobileNumberCode: '20',
                lineType: 'Mobile',
              },
              status: 200,
            },
          ],
        },
      });
    });

    it('reports ported as setPorted says, per number (any formatting), until reset()', async () => {
      face.handle.setPorted('+234 802 123 4567', true);
      const ported = (phone: string) =>
        face
          .send('GET', status(phone, 'NG'))
          .then(({ body }) => (body as { result: { routeDetail: { ported: number } }[] }).result[0].routeDetail.ported);
      expect(await ported('2348021234567')).toBe(1);
      expect(await ported(PHONE)).toBe(0);
      face.handle.setPorted('2348021234567', false);
      expect(await ported('2348021234567')).toBe(0);
      face.handle.setPorted('2348021234567', true);
      face.handle.reset();
      expect(await ported('2348021234567')).toBe(0);
      expect(() => face.handle.setPorted('', true)).toThrow(TypeError);
    });

    it('answers any other country in the same shape, its operator unknown; refuses a country code that is not two letters', async () => {
      expect((await face.send('GET', status('447700900123', 'gb'))).body).toEqual({
        result: [
          {
            routeDetail: { number: '447700900123', ported: 0 },
            countryDetail: { countryCode: '44', mobileCountryCode: '234', iso: 'GB' },
            operatorDetail: { operatorName: 'Unknown', lineType: 'Unknown' },
            status: 200,
          },
        ],
      });
      expect((await face.send('GET', status('2348021234567', '234'))).status).toBe(400);
      expect(
        (await face.send('GET', `/api/insight/number/query?api_key=${KEY}&phone_number=2348021234567`)).status,
      ).toBe(400);
    });
  });

  describe('History and the DND list', () => {
    it('lists every SMS and voice delivery (no email) newest first, "Message Sent" or held for DND, without a webhook', async () => {
      const generic = await face.send('POST', SEND, sendBody(DND_PHONE, 'generic'));
      expect(generic).toMatchObject({ status: 200, body: { smsStatus: 'Message Sent' } });
      await face.send('POST', SEND, sendBody(PHONE, 'dnd'));
      await face.send('POST', SEND_EMAIL, emailBody);
      await face.send('POST', SEND_VOICE, voiceBody);
      await face.send('POST', CALL, callBody);
      const outbox = face.handle.messages;
      expect(outbox.map((m) => m.channel)).toEqual(['sms', 'sms', 'email', 'voice', 'voice-call']);
      expect(outbox[0].status).toBe('DND Active on Phone Number');

      const { status: code, body } = await face.send('GET', history());
      expect(code).toBe(200);
      const rows = body as Record<string, unknown>[];
      const [call, voice, sms, held] = outbox.filter((m) => m.channel !== 'email').reverse();
      const time = (ms: number) => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
      expect(rows).toEqual([
        {
          receiver: PHONE,
          message: '',
          amount: call.cost,
          reroute: 0,
          status: 'Message Sent',
          sms_type: 'voice',
          send_by: 'api',
          message_id: call.messageId,
          created_at: time(call.sentAt),
        },
        {
          receiver: OTHER_PHONE,
          message: '',
          amount: voice.cost,
          reroute: 0,
          status: 'Message Sent',
          sms_type: 'voice',
          send_by: 'api',
          message_id: voice.messageId,
          created_at: time(voice.sentAt),
        },
        {
          sender: 'Acme',
          receiver: PHONE,
          message: sms.text,
          amount: sms.cost,
          reroute: 0,
          status: 'Message Sent',
          sms_type: 'dnd',
          send_by: 'api',
          message_id: sms.messageId,
          created_at: time(sms.sentAt),
        },
        {
          sender: 'Acme',
          receiver: DND_PHONE,
          message: held.text,
          amount: held.cost,
          reroute: 0,
          status: 'DND Active on Phone Number',
          sms_type: 'generic',
          send_by: 'api',
          message_id: held.messageId,
          created_at: time(held.sentAt),
        },
      ]);
      // Message ids travel as strings of digits, beyond a safe integer.
      for (const row of rows) expect(row['message_id']).toMatch(/^\d{19}$/);
    });

    it('filters by message_id; an id it does not know gives an empty list', async () => {
      await face.send('POST', SEND, sendBody(PHONE, 'dnd'));
      await face.send('POST', SEND, sendBody(OTHER_PHONE, 'dnd'));
      const [, second] = face.handle.messages;
      const { body } = await face.send('GET', history(second.messageId));
      expect((body as Record<string, unknown>[]).map((row) => [row['message_id'], row['receiver']])).toEqual([
        [second.messageId, OTHER_PHONE],
      ]);
      expect(await face.send('GET', history('1234567890123456789'))).toEqual({ status: 200, body: [] });
    });

    it('delivers on the dnd route to a DND number: only the generic route holds it back', async () => {
      await face.send('POST', SEND, sendBody(DND_PHONE, 'dnd'));
      expect(face.handle.lastMessage(DND_PHONE)?.status).toBe('Message Sent');
    });

    it("shows each delivery report's status once it is posted; a held-back SMS is reported as DND whatever was queued", async () => {
      const reporting = await open({ webhookUrl: webhook.url, webhookSecret: SECRET, deliveryReportDelayMs: 60_000 });
      reporting.handle.setDeliveryOutcome(OTHER_PHONE, 'failed');
      reporting.handle.nextDeliveryOutcome('expired');
      await reporting.send('POST', SEND, sendBody(DND_PHONE, 'generic'));
      await reporting.send('POST', SEND, sendBody(PHONE, 'generic'));
      await reporting.send('POST', SEND_VOICE, voiceBody);
      await reporting.send('POST', SEND, sendBody(PHONE, 'dnd'));
      // Before the reports are posted: what the send left.
      const statuses = async () =>
        ((await reporting.send('GET', history())).body as Record<string, string>[]).map((row) => [
          row['receiver'],
          row['sms_type'],
          row['status'],
        ]);
      expect(await statuses()).toEqual([
        [PHONE, 'dnd', 'Message Sent'],
        [OTHER_PHONE, 'voice', 'Message Sent'],
        [PHONE, 'generic', 'Message Sent'],
        [DND_PHONE, 'generic', 'DND Active on Phone Number'],
      ]);
      await reporting.handle.flushDeliveryReports();
      expect(await statuses()).toEqual([
        [PHONE, 'dnd', 'Delivered'],
        [OTHER_PHONE, 'voice', 'Message Failed'],
        [PHONE, 'generic', 'Expired'],
        [DND_PHONE, 'generic', 'DND Active on Phone Number'],
      ]);
      const reported = reporting.handle.webhookDeliveries.map((delivery) => delivery.event as Record<string, string>);
      expect(reported.find((event) => event['receiver'] === DND_PHONE)).toMatchObject({
        status: 'DND Active on Phone Number',
        channel: 'generic',
      });
      // The outbox says what History says.
      expect(reporting.handle.messages.map((m) => m.status)).toEqual([
        'DND Active on Phone Number',
        'Expired',
        'Message Failed',
        'Delivered',
      ]);
    });
  });
});
