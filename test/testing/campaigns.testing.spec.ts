/**
 * `TermiiTestingModule` plays Termii's Campaign endpoints through the very services an app injects:
 * phonebooks and contacts live in the emulator, an upload's CSV is read, a campaign delivers one message
 * per contact through the same outbox and wallet as every other send, a scheduled campaign runs when the
 * emulator's clock reaches its time, and `history` reads the outbox back.
 */
import 'reflect-metadata';
import { afterEach, describe, expect, it } from '@jest/globals';
import { Test, type TestingModule } from '@nestjs/testing';
import {
  CampaignService,
  ContactService,
  PhonebookService,
  TermiiApiError,
  TermiiInsufficientBalanceError,
  type Phonebook,
} from '../../lib/index.js';
import {
  TermiiTestingController,
  TermiiTestingModule,
  type TermiiTestingModuleOptions,
} from '../../lib/testing/index.js';

const MINUTE = 60_000;

describe('TermiiTestingModule: phonebooks, contacts and campaigns', () => {
  const opened: TestingModule[] = [];
  async function setUp(options?: TermiiTestingModuleOptions) {
    const moduleRef = await Test.createTestingModule({ imports: [TermiiTestingModule.forRoot(options)] }).compile();
    opened.push(moduleRef);
    return {
      termii: moduleRef.get(TermiiTestingController),
      phonebooks: moduleRef.get(PhonebookService),
      contacts: moduleRef.get(ContactService),
      campaigns: moduleRef.get(CampaignService),
    };
  }
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((moduleRef) => moduleRef.close()));
  });

  /** Creates a phonebook and finds its id by listing (Termii's create answers no id). */
  async function phonebookNamed(phonebooks: PhonebookService, name: string): Promise<Phonebook> {
    await phonebooks.create({ name, description: `${name} list` });
    const found: Phonebook[] = [];
    for await (const phonebook of phonebooks.listAll()) if (phonebook.name === name) found.push(phonebook);
    expect(found).toHaveLength(1);
    return found[0];
  }

  it('creates, lists, renames and deletes phonebooks', async () => {
    const { phonebooks } = await setUp();
    expect(await phonebooks.create({ name: 'Customers' })).toStrictEqual({ message: 'Phonebook added successfully' });
    const customers = await phonebookNamed(phonebooks, 'Staff');
    const page = await phonebooks.list();
    expect(page.items.map((p) => [p.name, p.totalContacts])).toStrictEqual([
      ['Customers', 0],
      ['Staff', 0],
    ]);
    expect(page).toMatchObject({ pageNumber: 0, totalItems: 2, hasNextPage: false });
    await phonebooks.update(customers.id, { name: 'Team' });
    expect((await phonebooks.list()).items.map((p) => p.name)).toStrictEqual(['Customers', 'Team']);
    await phonebooks.delete(customers.id);
    expect((await phonebooks.list()).items.map((p) => p.name)).toStrictEqual(['Customers']);
    await expect(phonebooks.delete(customers.id)).rejects.toMatchObject({
      name: 'TermiiApiError',
      operation: 'deletePhonebook',
      status: 404,
    });
  });

  it('pages 15 phonebooks at a time; listAll reads them all', async () => {
    const { phonebooks } = await setUp();
    for (let i = 1; i <= 17; i++) await phonebooks.create({ name: `Book ${i}` });
    const first = await phonebooks.list();
    expect(first.items).toHaveLength(15);
    expect(first).toMatchObject({ pageNumber: 0, totalItems: 17, hasNextPage: true });
    const second = await first.nextPage();
    expect(second?.items.map((p) => p.name)).toStrictEqual(['Book 16', 'Book 17']);
    let count = 0;
    for await (const _phonebook of phonebooks.listAll()) count++;
    expect(count).toBe(17);
  });

  it('adds contacts one by one and from a CSV (phone_number column, or the first column)', async () => {
    const { phonebooks, contacts, termii } = await setUp();
    const book = await phonebookNamed(phonebooks, 'Customers');
    await contacts.add(book.id, {
      phoneNumber: '08109477743',
      countryCode: '234',
      firstName: 'Ada',
      email: 'ada@example.com',
    });
    const uploaded = await contacts.upload(book.id, {
      csv: 'first_name,phone_number,city\r\nGrace,2348109477744,Lagos\r\n"Lin, Alan",+234 810 947 7745,Abuja\r\nBad,12ab,X\r\n',
      countryCode: '234',
    });
    expect(uploaded.processedInBackground).toBe(true);
    await contacts.upload(book.id, { csv: Buffer.from('mobile\n8109477746\n'), countryCode: '234' });
    const page = await contacts.list(book.id);
    expect(
      page.items.map(({ phoneNumber, firstName, email, fields }) => ({ phoneNumber, firstName, email, fields })),
    ).toStrictEqual([
      {
        phoneNumber: '2348109477743',
        firstName: 'Ada',
        email: 'ada@example.com',
        fields: { email_address: 'ada@example.com', first_name: 'Ada' },
      },
      {
        phoneNumber: '2348109477744',
        firstName: 'Grace',
        email: undefined,
        fields: { first_name: 'Grace', city: 'Lagos' },
      },
      {
        phoneNumber: '2348109477745',
        firstName: 'Lin, Alan',
        email: undefined,
        fields: { first_name: 'Lin, Alan', city: 'Abuja' },
      },
      { phoneNumber: '2348109477746', firstName: undefined, email: undefined, fields: {} },
    ]);
    expect((await phonebooks.list()).items[0].totalContacts).toBe(4);
    // The upload's key travelled in its multipart body, which is recorded as no body at all.
    const upload = termii.requests.find((r) => r.operation === 'uploadContacts');
    expect(upload).toMatchObject({
      method: 'POST',
      path: '/api/phonebooks/contacts/upload',
      body: undefined,
      status: 200,
    });
  });

  it('an upload with a wrong key is refused (401), read from its contact part', async () => {
    const { contacts, phonebooks } = await setUp({ apiKey: 'wrong', apiKeys: ['right'] });
    await expect(phonebooks.list()).rejects.toMatchObject({ name: 'TermiiAuthenticationError' });
    await expect(
      contacts.upload('1', { csv: 'phone_number\n2348109477743\n', countryCode: '234' }),
    ).rejects.toMatchObject({
      name: 'TermiiAuthenticationError',
      operation: 'uploadContacts',
      status: 401,
    });
  });

  it('a campaign sent now delivers one message per contact through the outbox and wallet; history reads them', async () => {
    const { phonebooks, contacts, campaigns, termii } = await setUp({ balance: 100 });
    const book = await phonebookNamed(phonebooks, 'Customers');
    await contacts.upload(book.id, { csv: 'phone_number\n2348109477743\n2348109477744\n', countryCode: '234' });
    const sent = await campaigns.send({
      phonebookId: book.id,
      senderId: 'Acme',
      message: 'Our sale starts today',
      channel: 'generic',
      type: 'plain',
      countryCode: '234',
      campaignType: 'regular',
    });
    expect(sent.message).toBe('Your campaign has been successfully sent');
    expect(
      termii.messages.map(({ channel, recipient, text, from, smsChannel, cost }) => ({
        channel,
        recipient,
        text,
        from,
        smsChannel,
        cost,
      })),
    ).toStrictEqual([
      {
        channel: 'sms',
        recipient: '2348109477743',
        text: 'Our sale starts today',
        from: 'Acme',
        smsChannel: 'generic',
        cost: 3.9,
      },
      {
        channel: 'sms',
        recipient: '2348109477744',
        text: 'Our sale starts today',
        from: 'Acme',
        smsChannel: 'generic',
        cost: 3.9,
      },
    ]);
    expect(termii.balance).toBe(92.2);
    const [campaign] = (await campaigns.list()).items;
    expect(campaign).toMatchObject({
      phonebook: 'Customers',
      sender: 'Acme',
      type: 'regular',
      channel: 'generic',
      totalRecipients: 2,
      status: 'Completed',
    });
    const history = await campaigns.history(campaign.id);
    expect(history.items).toStrictEqual(
      termii.messages.map((m) => ({
        receiver: m.recipient,
        message: 'Our sale starts today',
        status: 'Message Sent',
        amount: 3.9,
        channel: 'generic',
        messageId: m.messageId,
      })),
    );
    expect(termii.messages.every((m) => m.campaignId === campaign.id)).toBe(true);
  });

  it('a scheduled campaign runs when the emulator clock reaches its time, and not before', async () => {
    const { phonebooks, contacts, campaigns, termii } = await setUp();
    const book = await phonebookNamed(phonebooks, 'Customers');
    await contacts.add(book.id, { phoneNumber: '2348109477743' });
    const sent = await campaigns.send({
      phonebookId: book.id,
      senderId: 'Acme',
      message: 'Reminder',
      channel: 'dnd',
      type: 'plain',
      countryCode: '234',
      campaignType: 'regular',
      scheduleAt: new Date(Date.now() + 10 * MINUTE),
    });
    expect(sent.message).toBe('Your campaign has been scheduled');
    expect((await campaigns.list()).items[0].status).toBe('Scheduled');
    termii.advanceClock(8 * MINUTE);
    expect(termii.messages).toHaveLength(0);
    // advanceClock alone runs it: no request is needed.
    termii.advanceClock(3 * MINUTE);
    expect(termii.messages.map((m) => [m.recipient, m.text, m.smsChannel])).toStrictEqual([
      ['2348109477743', 'Reminder', 'dnd'],
    ]);
    const [campaign] = (await campaigns.list()).items;
    expect(campaign.status).toBe('Completed');
    expect((await campaigns.history(campaign.id)).items).toHaveLength(1);
    // It runs once.
    termii.advanceClock(60 * MINUTE);
    expect(termii.messages).toHaveLength(1);
  });

  it('with a clock of its own that moves, a due campaign runs before the next request is answered', async () => {
    let now = Date.now();
    const { phonebooks, contacts, campaigns, termii } = await setUp({ clock: () => now });
    const book = await phonebookNamed(phonebooks, 'Customers');
    await contacts.add(book.id, { phoneNumber: '2348109477743' });
    await campaigns.send({
      phonebookId: book.id,
      senderId: 'Acme',
      message: 'Reminder',
      channel: 'dnd',
      type: 'plain',
      countryCode: '234',
      campaignType: 'regular',
      scheduleAt: new Date(now + 5 * MINUTE),
    });
    now += 6 * MINUTE;
    // Time passed, but nothing told the emulator yet.
    expect(termii.messages).toHaveLength(0);
    const [campaign] = (await campaigns.list()).items;
    // The list request itself saw the campaign already sent.
    expect(campaign.status).toBe('Completed');
    expect(termii.messages.map((m) => m.recipient)).toStrictEqual(['2348109477743']);
  });

  it('a scheduled campaign that cannot be paid fails when it runs; retry sends it once the wallet is topped up', async () => {
    const { phonebooks, contacts, campaigns, termii } = await setUp();
    const book = await phonebookNamed(phonebooks, 'Customers');
    await contacts.add(book.id, { phoneNumber: '2348109477743' });
    await campaigns.send({
      phonebookId: book.id,
      senderId: 'Acme',
      message: 'Reminder',
      channel: 'dnd',
      type: 'plain',
      countryCode: '234',
      campaignType: 'regular',
      scheduleAt: new Date(Date.now() + 2 * MINUTE),
    });
    termii.setBalance(0);
    termii.advanceClock(3 * MINUTE);
    const [campaign] = (await campaigns.list()).items;
    expect(campaign.status).toBe('Failed');
    expect(termii.messages).toHaveLength(0);
    await expect(campaigns.retry(campaign.id)).rejects.toBeInstanceOf(TermiiInsufficientBalanceError);
    termii.setBalance(10);
    expect((await campaigns.retry(campaign.id)).message).toBe('Campaign retried successfully');
    expect(termii.messages).toHaveLength(1);
    expect((await campaigns.list()).items[0].status).toBe('Completed');
    await expect(campaigns.retry(campaign.id)).rejects.toMatchObject({ operation: 'retryCampaign', status: 400 });
  });

  it('refuses as every send does: unknown sender ID (404), insufficient balance, unknown phonebook', async () => {
    const { phonebooks, contacts, campaigns, termii } = await setUp({
      senderIds: [{ senderId: 'Acme', status: 'active' }],
      balance: 5,
    });
    const book = await phonebookNamed(phonebooks, 'Customers');
    await contacts.add(book.id, { phoneNumber: '2348109477743' });
    await contacts.add(book.id, { phoneNumber: '2348109477744' });
    const base = {
      phonebookId: book.id,
      senderId: 'Acme',
      message: 'Hi',
      channel: 'dnd',
      type: 'plain',
      countryCode: '234',
      campaignType: 'regular',
    } as const;
    await expect(campaigns.send({ ...base, senderId: 'Other' })).rejects.toMatchObject({
      status: 404,
      termiiMessage: 'Invalid Sender Id',
    });
    await expect(
      campaigns.send({ ...base, senderId: 'Other', scheduleAt: new Date(Date.now() + 5 * MINUTE) }),
    ).rejects.toMatchObject({ status: 404 });
    // Two contacts at 3.9 each: 5 pays for one, so nothing is sent.
    await expect(campaigns.send(base)).rejects.toBeInstanceOf(TermiiInsufficientBalanceError);
    expect(termii.messages).toHaveLength(0);
    expect(termii.balance).toBe(5);
    const error = await campaigns.send({ ...base, phonebookId: 'missing' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TermiiApiError);
    expect(error).toMatchObject({ status: 404, operation: 'sendCampaign' });
    await expect(campaigns.history('missing')).rejects.toMatchObject({ status: 404, operation: 'getCampaignHistory' });
    await expect(contacts.list('missing')).rejects.toMatchObject({ status: 404, operation: 'listContacts' });
  });

  it('reset forgets phonebooks and campaigns', async () => {
    const { phonebooks, termii } = await setUp();
    await phonebooks.create({ name: 'Customers' });
    termii.reset();
    expect((await phonebooks.list()).items).toStrictEqual([]);
  });
});
