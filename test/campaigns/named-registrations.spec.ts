import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Injectable } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import {
  CampaignService,
  ContactService,
  InjectCampaignService,
  InjectContactService,
  InjectPhonebookService,
  PhonebookService,
  TermiiModule,
  getTermiiServiceToken,
} from '../../lib/index.js';
import { TermiiTestingController, TermiiTestingModule } from '../../lib/testing/index.js';
import { reply, startScriptedServer, type ScriptedServer } from '../support/scripted-server.js';

const NIGERIA_KEY = 'TLnigeriaCampaigns';
const GHANA_KEY = 'TLghanaCampaigns';
const EMPTY_PAGE = { content: [], number: 0, last: true };

@Injectable()
class Marketing {
  constructor(
    @InjectPhonebookService('ghana') readonly ghanaPhonebooks: PhonebookService,
    @InjectContactService('ghana') readonly ghanaContacts: ContactService,
    @InjectCampaignService('ghana') readonly ghanaCampaigns: CampaignService,
    @InjectPhonebookService() readonly phonebooks: PhonebookService,
    @InjectContactService() readonly contacts: ContactService,
    @InjectCampaignService() readonly campaigns: CampaignService,
  ) {}
}

describe('campaign services of named registrations', () => {
  let nigeria: ScriptedServer;
  let ghana: ScriptedServer;

  beforeAll(async () => {
    nigeria = await startScriptedServer((_req, res) => reply(res, 200, EMPTY_PAGE));
    ghana = await startScriptedServer((_req, res) => reply(res, 200, EMPTY_PAGE));
  });
  afterAll(async () => {
    await nigeria.close();
    await ghana.close();
  });

  it('@InjectPhonebookService/ContactService/CampaignService(name) reach the named registration, each with its own key', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [
        TermiiModule.forRoot({ apiKey: NIGERIA_KEY, baseUrl: nigeria.url }),
        TermiiModule.forRoot({ name: 'ghana', apiKey: GHANA_KEY, baseUrl: ghana.url }),
      ],
      providers: [Marketing],
    }).compile();
    const app = await moduleRef.init();
    try {
      const marketing = app.get(Marketing);
      expect(marketing.phonebooks).toBe(app.get(PhonebookService));
      expect(marketing.contacts).toBe(app.get(ContactService));
      expect(marketing.campaigns).toBe(app.get(CampaignService));
      expect(marketing.ghanaPhonebooks).toBe(app.get(getTermiiServiceToken(PhonebookService, 'ghana')));
      expect(marketing.ghanaPhonebooks).not.toBe(marketing.phonebooks);
      await marketing.ghanaPhonebooks.list();
      await marketing.ghanaContacts.list('pb-1');
      await marketing.ghanaCampaigns.list();
      await marketing.campaigns.list();
      expect(ghana.requests.map((r) => r.path)).toStrictEqual([
        `/api/phonebooks?api_key=${GHANA_KEY}`,
        `/api/phonebooks/pb-1/contacts?api_key=${GHANA_KEY}`,
        `/api/sms/campaigns?api_key=${GHANA_KEY}`,
      ]);
      expect(nigeria.requests.map((r) => r.path)).toStrictEqual([`/api/sms/campaigns?api_key=${NIGERIA_KEY}`]);
    } finally {
      await app.close();
    }
  });

  it('TermiiTestingModule.forRoot({ name }) provides them under the same tokens', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [TermiiTestingModule.forRoot({ name: 'ghana' })],
      providers: [
        {
          provide: 'probe',
          useFactory: (phonebooks: PhonebookService) => phonebooks,
          inject: [getTermiiServiceToken(PhonebookService, 'ghana')],
        },
      ],
    }).compile();
    const app = await moduleRef.init();
    try {
      const phonebooks = app.get<PhonebookService>('probe');
      await phonebooks.create({ name: 'Customers' });
      expect((await phonebooks.list()).items.map((p) => p.name)).toStrictEqual(['Customers']);
      const termii = app.get<TermiiTestingController>(getTermiiServiceToken(TermiiTestingController, 'ghana'));
      expect(termii.requests.map((r) => r.operation)).toStrictEqual(['createPhonebook', 'listPhonebooks']);
    } finally {
      await app.close();
    }
  });
});
