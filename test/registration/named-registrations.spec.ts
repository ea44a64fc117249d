import 'reflect-metadata';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { Injectable, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import {
  InAppTokenService,
  InjectInAppTokenService,
  InjectInsightsService,
  InjectMessagingService,
  InjectSenderIdService,
  InjectTokenService,
  InsightsService,
  MessagingService,
  SenderIdService,
  TermiiConfigError,
  TermiiModule,
  TokenService,
  getTermiiServiceToken,
} from '../../lib/index.js';
import { TermiiTestingController, TermiiTestingModule } from '../../lib/testing/index.js';
import {
  DOCUMENTED_GENERATE_RESPONSE,
  reply,
  startScriptedServer,
  type ScriptedHandler,
  type ScriptedServer,
} from '../support/scripted-server.js';

const NIGERIA_KEY = 'TLnigeriaKey-1';
const GHANA_KEY = 'TLghanaKey-2';
const PHONE = '2348109477743';

const termii: ScriptedHandler = (req, res) =>
  req.path.startsWith('/api/get-balance')
    ? reply(res, 200, { balance: req.path.includes(GHANA_KEY) ? 20 : 10, currency: 'NGN' })
    : reply(res, 200, DOCUMENTED_GENERATE_RESPONSE);

/** An application service that uses both accounts, as a consumer would write it. */
@Injectable()
class OtpRouter {
  constructor(
    readonly nigeria: InAppTokenService,
    @InjectInAppTokenService('ghana') readonly ghana: InAppTokenService,
    @InjectInsightsService('ghana') readonly ghanaInsights: InsightsService,
    @InjectInsightsService() readonly nigeriaInsights: InsightsService,
  ) {}
}

/** Messages and sender IDs for both accounts. */
@Injectable()
class Notifier {
  constructor(
    readonly nigeria: MessagingService,
    @InjectMessagingService('ghana') readonly ghana: MessagingService,
    @InjectSenderIdService('ghana') readonly ghanaSenderIds: SenderIdService,
    @InjectSenderIdService() readonly nigeriaSenderIds: SenderIdService,
  ) {}
}

/** Answers a message with its own server's key in the id, and the sender-ID list with an empty page. */
const messagingTermii: ScriptedHandler = (req, res) =>
  req.path.startsWith('/api/sender-id')
    ? reply(res, 200, { content: [], number: 0, size: 15, totalElements: 0, totalPages: 0, last: true })
    : reply(res, 200, {
        code: 'ok',
        message_id_str: (req.json as { api_key: string }).api_key === GHANA_KEY ? '2' : '1',
      });

describe('named registrations', () => {
  let nigeria: ScriptedServer;
  let ghana: ScriptedServer;

  beforeAll(async () => {
    nigeria = await startScriptedServer(termii);
    ghana = await startScriptedServer(termii);
  });
  afterAll(async () => {
    await nigeria.close();
    await ghana.close();
  });
  beforeEach(() => {
    nigeria.requests.length = 0;
    ghana.requests.length = 0;
  });

  it('each registration calls its own server with its own key, beside the unnamed one', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [
        TermiiModule.forRoot({ apiKey: NIGERIA_KEY, baseUrl: nigeria.url }),
        TermiiModule.forRootAsync({
          name: 'ghana',
          useFactory: async () => ({ apiKey: GHANA_KEY, baseUrl: ghana.url }),
        }),
      ],
      providers: [OtpRouter],
    }).compile();
    const app = await moduleRef.init();
    try {
      const router = app.get(OtpRouter);
      expect(router.ghana).not.toBe(router.nigeria);
      // The unnamed registration stays injectable by class, and by the decorator without a name.
      expect(router.nigeria).toBe(app.get(InAppTokenService));
      expect(router.nigeriaInsights).toBe(app.get(InsightsService));

      await router.ghana.generate({ phoneNumber: PHONE });
      expect(ghana.requests).toHaveLength(1);
      expect(nigeria.requests).toHaveLength(0);
      expect(ghana.requests[0].json).toMatchObject({ api_key: GHANA_KEY, phone_number: PHONE });

      await router.nigeria.generate({ phoneNumber: PHONE });
      expect(nigeria.requests).toHaveLength(1);
      expect(ghana.requests).toHaveLength(1);
      expect(nigeria.requests[0].json).toMatchObject({ api_key: NIGERIA_KEY });

      await expect(router.ghanaInsights.getBalance()).resolves.toEqual({ balance: 20, currency: 'NGN' });
      await expect(router.nigeriaInsights.getBalance()).resolves.toEqual({ balance: 10, currency: 'NGN' });
      expect(ghana.requests.map((r) => r.path)).toEqual([
        '/api/sms/otp/generate',
        `/api/get-balance?api_key=${GHANA_KEY}`,
      ]);
      expect(nigeria.requests.map((r) => r.path)).toEqual([
        '/api/sms/otp/generate',
        `/api/get-balance?api_key=${NIGERIA_KEY}`,
      ]);
    } finally {
      await app.close();
    }
  });

  it('@InjectMessagingService(name) and @InjectSenderIdService(name) reach their own account, each with its own messaging option', async () => {
    nigeria.handle(messagingTermii);
    ghana.handle(messagingTermii);
    const moduleRef = await Test.createTestingModule({
      imports: [
        TermiiModule.forRoot({ apiKey: NIGERIA_KEY, baseUrl: nigeria.url, messaging: { senderId: 'NaijaCo' } }),
        TermiiModule.forRoot({
          name: 'ghana',
          apiKey: GHANA_KEY,
          baseUrl: ghana.url,
          messaging: { senderId: 'GhanaCo' },
        }),
      ],
      providers: [Notifier],
    }).compile();
    const app = await moduleRef.init();
    try {
      const notifier = app.get(Notifier);
      expect(notifier.nigeria).toBe(app.get(MessagingService));
      expect(notifier.nigeriaSenderIds).toBe(app.get(SenderIdService));
      expect(app.get(getTermiiServiceToken(MessagingService, 'ghana'))).toBe(notifier.ghana);
      await expect(notifier.ghana.send({ to: PHONE, text: 'Hi' })).resolves.toMatchObject({ messageId: '2' });
      await expect(notifier.nigeria.send({ to: PHONE, text: 'Hi' })).resolves.toMatchObject({ messageId: '1' });
      await notifier.ghanaSenderIds.list();
      expect(ghana.requests.map((r) => [r.path, (r.json as { from?: string } | undefined)?.from])).toEqual([
        ['/api/sms/send', 'GhanaCo'],
        [`/api/sender-id?api_key=${GHANA_KEY}`, undefined],
      ]);
      expect(nigeria.requests.map((r) => (r.json as { from: string }).from)).toEqual(['NaijaCo']);
    } finally {
      await app.close();
      nigeria.handle(termii);
      ghana.handle(termii);
    }
  });

  it('getTermiiServiceToken reaches a named service with moduleRef.get and replaces it with overrideProvider', async () => {
    const fake = { generate: async () => ({ pinId: 'fake', otp: '0000', phoneNumber: PHONE }) };
    const moduleRef = await Test.createTestingModule({
      imports: [
        TermiiModule.forRoot({ apiKey: NIGERIA_KEY, baseUrl: nigeria.url }),
        TermiiModule.forRoot({ name: 'ghana', apiKey: GHANA_KEY, baseUrl: ghana.url }),
      ],
      providers: [OtpRouter],
    })
      .overrideProvider(getTermiiServiceToken(InAppTokenService, 'ghana'))
      .useValue(fake)
      .compile();
    const app = await moduleRef.init();
    try {
      expect(app.get(getTermiiServiceToken(InAppTokenService, 'ghana'))).toBe(fake);
      expect(app.get(OtpRouter).ghana).toBe(fake);
      expect(app.get(getTermiiServiceToken(InsightsService, 'ghana'))).toBeInstanceOf(InsightsService);
      // Without a name, the token is the class itself.
      expect(getTermiiServiceToken(InAppTokenService)).toBe(InAppTokenService);
      expect(app.get(getTermiiServiceToken(InAppTokenService))).toBeInstanceOf(InAppTokenService);
      await app.get(OtpRouter).ghana.generate({ phoneNumber: PHONE });
      expect(ghana.requests).toHaveLength(0);
    } finally {
      await app.close();
    }
  });

  it('a name registered twice fails start-up with a clear error', async () => {
    @Module({ imports: [TermiiModule.forRoot({ name: 'ghana', apiKey: GHANA_KEY, baseUrl: ghana.url })] })
    class FeatureModule {}
    const error = await Test.createTestingModule({
      imports: [
        FeatureModule,
        TermiiModule.forRootAsync({ name: 'ghana', useFactory: () => ({ apiKey: 'other', baseUrl: ghana.url }) }),
      ],
    })
      .compile()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TermiiConfigError);
    expect(error).toMatchObject({ field: 'name' });
    expect((error as Error).message).toContain('"ghana" is registered 2 times');
    expect(ghana.requests).toHaveLength(0);
  });

  it('a decorator for a name never registered fails start-up, naming the service and the registration', async () => {
    @Injectable()
    class NeedsKenya {
      constructor(@InjectInAppTokenService('kenya') readonly kenya: InAppTokenService) {}
    }
    const error = await Test.createTestingModule({
      imports: [TermiiModule.forRoot({ name: 'ghana', apiKey: GHANA_KEY, baseUrl: ghana.url })],
      providers: [NeedsKenya],
    })
      .compile()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toContain('NeedsKenya');
    expect((error as Error).message).toContain('InAppTokenService of the Termii registration "kenya"');
  });

  it("@InjectTokenService(name) injects the named registration's TokenService, which sends to its own server", async () => {
    @Injectable()
    class SmsRouter {
      constructor(
        @InjectTokenService('ghana') readonly ghanaTokens: TokenService,
        @InjectTokenService() readonly nigeriaTokens: TokenService,
      ) {}
    }
    const moduleRef = await Test.createTestingModule({
      imports: [
        TermiiModule.forRoot({ apiKey: NIGERIA_KEY, baseUrl: nigeria.url, token: { senderId: 'Acme' } }),
        TermiiModule.forRoot({ name: 'ghana', apiKey: GHANA_KEY, baseUrl: ghana.url, token: { senderId: 'AcmeGH' } }),
      ],
      providers: [SmsRouter],
    }).compile();
    const app = await moduleRef.init();
    try {
      const router = app.get(SmsRouter);
      expect(router.nigeriaTokens).toBe(app.get(TokenService));
      expect(router.ghanaTokens).toBe(app.get(getTermiiServiceToken(TokenService, 'ghana')));
      await router.ghanaTokens.send({ phoneNumber: PHONE, messageText: 'Code < 1234 >' }).catch(() => undefined);
      expect(nigeria.requests).toHaveLength(0);
      expect(ghana.requests).toHaveLength(1);
      expect(ghana.requests[0].json).toMatchObject({ api_key: GHANA_KEY, from: 'AcmeGH', to: PHONE });
    } finally {
      await app.close();
    }
  });

  it.each([[''], ['has space'], ['-leading'], ['x'.repeat(65)], [42]])('rejects the name %p', (name) => {
    expect(() => TermiiModule.forRoot({ name: name as string, apiKey: GHANA_KEY })).toThrow(TermiiConfigError);
  });

  it('TermiiTestingModule.forRoot({ name }) stands in for a named registration, its controller reached the same way', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [TermiiTestingModule.forRoot(), TermiiTestingModule.forRoot({ name: 'ghana', apiKey: GHANA_KEY })],
      providers: [OtpRouter],
    }).compile();
    const app = await moduleRef.init();
    try {
      const ghanaTermii = app.get<TermiiTestingController>(getTermiiServiceToken(TermiiTestingController, 'ghana'));
      const defaultTermii = app.get(TermiiTestingController);
      expect(ghanaTermii).not.toBe(defaultTermii);
      const token = await app.get(OtpRouter).ghana.generate({ phoneNumber: PHONE });
      expect(ghanaTermii.lastOtp(PHONE)).toBe(token.otp);
      expect(defaultTermii.lastOtp(PHONE)).toBeUndefined();
      expect(ghanaTermii.requests).toHaveLength(1);
      expect(defaultTermii.requests).toHaveLength(0);
    } finally {
      await app.close();
    }
  });

  it('TermiiTestingModule with a name registered twice fails start-up too', async () => {
    const error = await Test.createTestingModule({
      imports: [
        TermiiTestingModule.forRoot({ name: 'ghana' }),
        TermiiModule.forRoot({ name: 'ghana', apiKey: GHANA_KEY }),
      ],
    })
      .compile()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TermiiConfigError);
  });
});
