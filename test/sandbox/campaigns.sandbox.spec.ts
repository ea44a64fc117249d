/**
 * The sandbox plays Termii's Campaign endpoints over real HTTP: the library's services against it (an
 * upload's multipart body through undici, a scheduled campaign that runs when the sandbox's clock moves),
 * and a client of its own posting `multipart/form-data` with `fetch`, where an untyped `contact` part is
 * as good as missing, as at Termii.
 */
import 'reflect-metadata';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { Test } from '@nestjs/testing';
import type { INestApplicationContext } from '@nestjs/common';
import { CampaignService, ContactService, PhonebookService, TermiiModule } from '../../lib/index.js';
import { startTermiiSandbox, type TermiiSandbox } from '../../lib/sandbox/index.js';

const API_KEY = 'TLsandboxCampaigns';
const MINUTE = 60_000;

describe('the sandbox: phonebooks, contacts and campaigns over HTTP', () => {
  let sandbox: TermiiSandbox;
  let app: INestApplicationContext;
  let phonebooks: PhonebookService;
  let contacts: ContactService;
  let campaigns: CampaignService;

  beforeAll(async () => {
    sandbox = await startTermiiSandbox({ apiKeys: [API_KEY] });
    const moduleRef = await Test.createTestingModule({
      imports: [TermiiModule.forRoot({ apiKey: API_KEY, baseUrl: sandbox.url })],
    }).compile();
    app = await moduleRef.init();
    phonebooks = app.get(PhonebookService);
    contacts = app.get(ContactService);
    campaigns = app.get(CampaignService);
  });
  beforeEach(() => sandbox.reset());
  afterAll(async () => {
    await app.close();
    await sandbox.close();
  });

  async function newPhonebook(): Promise<string> {
    await phonebooks.create({ name: 'Customers' });
    return (await phonebooks.list()).items[0].id;
  }

  it('uploads a CSV through the library, and plays a scheduled campaign when its clock moves', async () => {
    const id = await newPhonebook();
    await contacts.upload(id, {
      csv: 'phone_number,first_name\n08109477743,Ada\n08109477744,Grace\n',
      countryCode: '234',
    });
    expect((await contacts.list(id)).items.map((c) => [c.phoneNumber, c.firstName])).toStrictEqual([
      ['2348109477743', 'Ada'],
      ['2348109477744', 'Grace'],
    ]);
    await campaigns.send({
      phonebookId: id,
      senderId: 'Acme',
      message: 'Doors open at 9',
      channel: 'dnd',
      type: 'plain',
      countryCode: '234',
      campaignType: 'regular',
      scheduleAt: new Date(Date.now() + 30 * MINUTE),
    });
    expect(sandbox.messages).toHaveLength(0);
    sandbox.advanceClock(31 * MINUTE);
    expect(sandbox.messages.map((m) => [m.recipient, m.text])).toStrictEqual([
      ['2348109477743', 'Doors open at 9'],
      ['2348109477744', 'Doors open at 9'],
    ]);
    const [campaign] = (await campaigns.list()).items;
    expect(campaign).toMatchObject({ status: 'Completed', totalRecipients: 2 });
    const history = await campaigns.history(campaign.id);
    expect(history.items.map((r) => r.messageId)).toStrictEqual(sandbox.messages.map((m) => m.messageId));
    // No recorded request holds the key: the upload's body (multipart) is not recorded, the reads' query is masked.
    expect(JSON.stringify(sandbox.requests)).not.toContain(API_KEY);
  });

  it('an untyped contact part is reported missing; an application/json one is read', async () => {
    const id = await newPhonebook();
    const post = async (contactType: string | undefined) => {
      const form = new FormData();
      form.append('file', new Blob(['phone_number\n2348109477743\n'], { type: 'text/csv' }), 'contacts.csv');
      const contact = JSON.stringify({ pid: id, country_code: '234', api_key: API_KEY });
      if (contactType === undefined) form.append('contact', contact);
      else form.append('contact', new Blob([contact], { type: contactType }));
      const res = await fetch(`${sandbox.url}/api/phonebooks/contacts/upload`, { method: 'POST', body: form });
      return { status: res.status, body: (await res.json()) as unknown };
    };
    expect(await post(undefined)).toStrictEqual({ status: 400, body: { message: 'The contact field is required' } });
    expect(await post('text/plain')).toStrictEqual({ status: 400, body: { message: 'The contact field is required' } });
    expect((await post('application/json')).status).toBe(200);
    expect((await contacts.list(id)).items.map((c) => c.phoneNumber)).toStrictEqual(['2348109477743']);
  });

  it('a GET that declares a JSON body gets an empty 200, as on v3 hosts', async () => {
    const res = await fetch(`${sandbox.url}/api/phonebooks?api_key=${API_KEY}`, {
      headers: { 'Content-Type': 'application/json' },
    });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
  });
});
