import 'reflect-metadata';
import { Injectable, Module, type INestApplicationContext } from '@nestjs/common';
import { HttpModule, HttpService } from '@nestjs/axios';
import { Test } from '@nestjs/testing';
import { inspect } from 'node:util';
import {
  InAppTokenService,
  MessagingService,
  PinType,
  SenderIdService,
  TERMII_MODULE_OPTIONS,
  TermiiConfigError,
  TermiiModule,
  TokenChannel,
  TokenService,
  type TermiiModuleOptions,
} from '../lib/index.js';
import { termiiUndiciAdapter } from '../lib/http/termii-undici.adapter.js';
import { TermiiOptions } from '../lib/options/termii-options.js';
import { startScriptedServer, type ScriptedServer } from './support/scripted-server.js';

const API_KEY = 'TLmoduleTestKey123';

@Injectable()
class ConfigService {
  readonly apiKey = API_KEY;
  url = '';
}

@Module({ providers: [ConfigService], exports: [ConfigService] })
class ConfigModule {}

@Injectable()
class TermiiConfig {
  constructor(private readonly config: ConfigService) {}
  createTermiiOptions(): TermiiModuleOptions {
    return { apiKey: this.config.apiKey, baseUrl: this.config.url, inAppToken: { pinLength: 4 } };
  }
}

@Module({ imports: [ConfigModule], providers: [TermiiConfig], exports: [TermiiConfig] })
class TermiiConfigModule {}

describe('TermiiModule registration', () => {
  let server: ScriptedServer;
  const apps: INestApplicationContext[] = [];

  beforeAll(async () => {
    server = await startScriptedServer();
  });
  afterEach(async () => {
    await Promise.all(apps.splice(0).map((app) => app.close()));
  });
  afterAll(() => server.close());

  async function start(imports: unknown[]): Promise<INestApplicationContext> {
    const moduleRef = await Test.createTestingModule({ imports: imports as never[] }).compile();
    const app = await moduleRef.init();
    apps.push(app);
    return app;
  }

  /**
   * Every form must give services that really call the configured server with the configured key:
   * `InAppTokenService` with the `inAppToken` defaults, `TokenService` with the `token` defaults.
   */
  async function expectWorkingService(app: INestApplicationContext, pinLength = 6, tokenPinLength = 6): Promise<void> {
    const before = server.requests.length;
    const token = await app.get(InAppTokenService).generate({ phoneNumber: '2348109477743' });
    expect(token.pinId).toBe('db34d5ce-9bd4-4f10-b8ec-8ee402ccd0');
    const voice = await app.get(TokenService).sendVoice({ phoneNumber: '2348109477743' });
    expect(voice.pinId).toBe('29ae67c2-c8e1-4165-8a51-8d3d7c298081');
    expect(server.requests).toHaveLength(before + 2);
    expect(server.requests[before].json).toMatchObject({ api_key: API_KEY, pin_length: pinLength });
    expect(server.requests[before + 1]).toMatchObject({
      path: '/api/sms/otp/send/voice',
      json: { api_key: API_KEY, pin_length: tokenPinLength },
    });
  }

  it('forRoot', async () => {
    const app = await start([TermiiModule.forRoot({ apiKey: API_KEY, baseUrl: server.url })]);
    await expectWorkingService(app);
  });

  it('forRootAsync with useFactory, imports and inject', async () => {
    const app = await start([
      TermiiModule.forRootAsync({
        imports: [ConfigModule],
        inject: [ConfigService],
        useFactory: (config: ConfigService) => ({
          apiKey: config.apiKey,
          baseUrl: server.url,
          inAppToken: { pinLength: 8 },
          token: { pinLength: 5 },
        }),
      }),
    ]);
    await expectWorkingService(app, 8, 5);
  });

  it('forRootAsync with an async useFactory', async () => {
    const app = await start([
      TermiiModule.forRootAsync({ useFactory: async () => ({ apiKey: API_KEY, baseUrl: server.url }) }),
    ]);
    await expectWorkingService(app);
  });

  it('forRootAsync with useClass (createTermiiOptions)', async () => {
    @Injectable()
    class OwnConfig {
      createTermiiOptions(): TermiiModuleOptions {
        return { apiKey: API_KEY, baseUrl: server.url, inAppToken: { pinLength: 5 } };
      }
    }
    const app = await start([TermiiModule.forRootAsync({ useClass: OwnConfig })]);
    await expectWorkingService(app, 5);
  });

  it('forRootAsync with useExisting (createTermiiOptions) from an imported module', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [TermiiModule.forRootAsync({ imports: [TermiiConfigModule], useExisting: TermiiConfig })],
    })
      .overrideProvider(ConfigService)
      .useValue(Object.assign(new ConfigService(), { url: server.url }))
      .compile();
    const app = await moduleRef.init();
    apps.push(app);
    await expectWorkingService(app, 4);
  });

  it('isGlobal makes InAppTokenService and TokenService injectable in modules that do not import TermiiModule', async () => {
    @Injectable()
    class AuthService {
      constructor(
        readonly tokens: InAppTokenService,
        readonly delivered: TokenService,
      ) {}
    }
    @Module({ providers: [AuthService] })
    class AuthModule {}

    const app = await start([
      TermiiModule.forRoot({ apiKey: API_KEY, baseUrl: server.url, isGlobal: true }),
      AuthModule,
    ]);
    expect(app.get(AuthService).tokens).toBeInstanceOf(InAppTokenService);
    expect(app.get(AuthService).delivered).toBeInstanceOf(TokenService);
    const asyncApp = await start([
      TermiiModule.forRootAsync({ isGlobal: true, useFactory: () => ({ apiKey: API_KEY, baseUrl: server.url }) }),
      AuthModule,
    ]);
    expect(asyncApp.get(AuthService).tokens).toBeInstanceOf(InAppTokenService);
    expect(asyncApp.get(AuthService).delivered).toBeInstanceOf(TokenService);
  });

  it('provides MessagingService and SenderIdService by class, also globally, with the messaging option resolved', async () => {
    @Injectable()
    class Notifier {
      constructor(
        readonly messaging: MessagingService,
        readonly senderIds: SenderIdService,
      ) {}
    }
    @Module({ providers: [Notifier] })
    class NotifierModule {}

    const app = await start([
      TermiiModule.forRootAsync({
        isGlobal: true,
        useFactory: () => ({ apiKey: API_KEY, baseUrl: server.url, messaging: { bulkBatchSize: 50 } }),
      }),
      NotifierModule,
    ]);
    expect(app.get(Notifier).messaging).toBeInstanceOf(MessagingService);
    expect(app.get(Notifier).senderIds).toBeInstanceOf(SenderIdService);
    expect(app.get(TermiiOptions).messaging).toEqual({ channel: 'dnd', bulkBatchSize: 50 });
  });

  it('without isGlobal, a module that does not import TermiiModule cannot inject TokenService', async () => {
    @Injectable()
    class OtpService {
      constructor(readonly tokens: TokenService) {}
    }
    @Module({ providers: [OtpService] })
    class OtpModule {}

    await expect(
      Test.createTestingModule({
        imports: [TermiiModule.forRoot({ apiKey: API_KEY, baseUrl: server.url }), OtpModule],
      }).compile(),
    ).rejects.toThrow(/TokenService/);
  });

  it('without isGlobal, a module that does not import TermiiModule cannot inject the service', async () => {
    @Injectable()
    class AuthService {
      constructor(readonly tokens: InAppTokenService) {}
    }
    @Module({ providers: [AuthService] })
    class AuthModule {}

    await expect(
      Test.createTestingModule({
        imports: [TermiiModule.forRoot({ apiKey: API_KEY, baseUrl: server.url }), AuthModule],
      }).compile(),
    ).rejects.toThrow(/InAppTokenService/);
  });

  it('isGlobal never reaches the options object, in either form', async () => {
    const syncApp = await start([TermiiModule.forRoot({ apiKey: API_KEY, baseUrl: server.url, isGlobal: true })]);
    expect(Object.keys(syncApp.get(TERMII_MODULE_OPTIONS))).not.toContain('isGlobal');
    const asyncApp = await start([
      TermiiModule.forRootAsync({ isGlobal: true, useFactory: () => ({ apiKey: API_KEY, baseUrl: server.url }) }),
    ]);
    expect(Object.keys(asyncApp.get(TERMII_MODULE_OPTIONS))).not.toContain('isGlobal');
    // A known-options check would reject it, so a working service also proves it was left out.
    await expectWorkingService(asyncApp);
  });

  it('uses a private HttpService: interceptors on the application’s HttpService never see Termii requests', async () => {
    @Injectable()
    class AppHttp {
      constructor(readonly http: HttpService) {}
    }
    @Module({ imports: [HttpModule], providers: [AppHttp] })
    class AppHttpModule {}

    const app = await start([AppHttpModule, TermiiModule.forRoot({ apiKey: API_KEY, baseUrl: server.url })]);
    const seen: string[] = [];
    app.get(AppHttp).http.axiosRef.interceptors.request.use((config) => {
      seen.push(String(config.url));
      return config;
    });
    await expectWorkingService(app);
    // The application's HttpService works and is seen by its interceptor; Termii's requests are not.
    await app.get(AppHttp).http.axiosRef.get(`${server.url}/health`, { validateStatus: () => true });
    expect(seen).toEqual([`${server.url}/health`]);
  });

  it('gives each registration its own axios instance', async () => {
    @Module({ imports: [TermiiModule.forRoot({ apiKey: API_KEY, baseUrl: server.url })] })
    class First {}
    @Module({ imports: [TermiiModule.forRoot({ apiKey: API_KEY, baseUrl: server.url })] })
    class Second {}
    const first = await start([First]);
    const second = await start([Second]);
    const axiosOf = (app: INestApplicationContext) => app.get(HttpService, { strict: false }).axiosRef;
    expect(axiosOf(first)).not.toBe(axiosOf(second));
  });

  it('sends through its private instance’s adapter directly: no interceptor, even on that instance, sees the body', async () => {
    const app = await start([TermiiModule.forRoot({ apiKey: API_KEY, baseUrl: server.url })]);
    const own = app.get(HttpService, { strict: false }).axiosRef;
    expect(own.defaults.adapter).toBe(termiiUndiciAdapter);
    const seen: unknown[] = [];
    own.interceptors.request.use((config) => {
      seen.push(config.data);
      return config;
    });
    await expectWorkingService(app);
    expect(seen).toEqual([]);
  });

  describe('invalid options fail start-up with TermiiConfigError naming the field, never its value', () => {
    const cases: [string, Partial<TermiiModuleOptions> & Record<string, unknown>, string][] = [
      ['missing apiKey', { apiKey: undefined }, 'apiKey'],
      ['empty apiKey', { apiKey: '   ' }, 'apiKey'],
      ['http to a public host', { baseUrl: 'http://api.ng.termii.com' }, 'baseUrl'],
      ['not a URL', { baseUrl: 'api.ng.termii.com/SECRET-PATH' }, 'baseUrl'],
      ['credentials in the URL', { baseUrl: 'https://user:SECRET-PASS@api.ng.termii.com' }, 'baseUrl'],
      ['timeoutMs zero', { timeoutMs: 0 }, 'timeoutMs'],
      ['timeoutMs not an integer', { timeoutMs: 1.5 }, 'timeoutMs'],
      ['maxRetries negative', { maxRetries: -1 }, 'maxRetries'],
      ['pinType unknown', { inAppToken: { pinType: 'SECRET-TYPE' as PinType } }, 'inAppToken.pinType'],
      ['pinLength 9', { inAppToken: { pinLength: 9 } }, 'inAppToken.pinLength'],
      ['pinTimeToLive 61', { inAppToken: { pinTimeToLive: 61 } }, 'inAppToken.pinTimeToLive'],
      ['pinAttempts 0', { inAppToken: { pinAttempts: 0 } }, 'inAppToken.pinAttempts'],
      ['inAppToken not an object', { inAppToken: 'SECRET-SECTION' as never }, 'inAppToken'],
      ['an unknown inAppToken field', { inAppToken: { senderId: 'SECRET-SID' } as never }, 'inAppToken.senderId'],
      ['token not an object', { token: null as never }, 'token'],
      ['token.pinType unknown', { token: { pinType: 'SECRET-TYPE' as PinType } }, 'token.pinType'],
      ['token.pinAttempts 0', { token: { pinAttempts: 0 } }, 'token.pinAttempts'],
      ['token.pinTimeToLive 61', { token: { pinTimeToLive: 61 } }, 'token.pinTimeToLive'],
      ['token.pinLength 3', { token: { pinLength: 3 } }, 'token.pinLength'],
      ['token.senderId of 12 letters', { token: { senderId: 'SECRETSECRET' } }, 'token.senderId'],
      ['token.senderId not a string', { token: { senderId: 12 as never } }, 'token.senderId'],
      ['token.channel unknown', { token: { channel: 'SECRET-ROUTE' as TokenChannel } }, 'token.channel'],
      ['token.pinPlaceholder blank', { token: { pinPlaceholder: '   ' } }, 'token.pinPlaceholder'],
      [
        'token.emailConfigurationId with a space',
        { token: { emailConfigurationId: 'SECRET CFG' } },
        'token.emailConfigurationId',
      ],
      ['an unknown token field (the wire name from)', { token: { from: 'SECRET-SID' } as never }, 'token.from'],
      ['an unknown option', { apiKye: 'SECRET-TYPO' }, 'apiKye'],
      ['proxy not a URL', { proxy: 'user:SECRET-PASS@proxy.corp:3128' }, 'proxy'],
      ['proxy with another protocol', { proxy: 'socks5://user:SECRET-PASS@proxy.corp:1080' }, 'proxy'],
      ['proxy with a path', { proxy: 'http://user:SECRET-PASS@proxy.corp:3128/SECRET-PATH' }, 'proxy'],
      ['proxy empty', { proxy: ' ' }, 'proxy'],
      ['proxy not a string', { proxy: { url: 'http://SECRET-HOST:3128' } as unknown as string }, 'proxy'],
    ];

    it.each(cases)('%s', async (_name, overrides, field) => {
      const options = { apiKey: 'SECRET-KEY-VALUE', ...overrides };
      const error = await Test.createTestingModule({ imports: [TermiiModule.forRoot(options)] })
        .compile()
        .then(
          () => undefined,
          (e: unknown) => e,
        );
      expect(error).toBeInstanceOf(TermiiConfigError);
      const configError = error as TermiiConfigError;
      expect(configError.field).toBe(field);
      expect(configError.message).toContain(`"${field}"`);
      expect(inspect(configError)).not.toMatch(/SECRET/);
    });

    it('a TermiiConfigError for token says why after the field name', async () => {
      const error = await Test.createTestingModule({
        imports: [TermiiModule.forRoot({ apiKey: 'k', token: { pinLength: 9 } })],
      })
        .compile()
        .then(
          () => undefined,
          (e: unknown) => e,
        );
      expect((error as TermiiConfigError).message).toBe('Invalid Termii option "token.pinLength": must be at most 8');
    });

    it('also from forRootAsync', async () => {
      const error = await Test.createTestingModule({
        imports: [TermiiModule.forRootAsync({ useFactory: () => ({ apiKey: 'SECRET-KEY-VALUE', timeoutMs: -5 }) })],
      })
        .compile()
        .then(
          () => undefined,
          (e: unknown) => e,
        );
      expect(error).toBeInstanceOf(TermiiConfigError);
      expect((error as TermiiConfigError).field).toBe('timeoutMs');
    });
  });

  describe('baseUrl normalisation', () => {
    it.each([
      ['http://127.0.0.1:PORT/', ''],
      ['http://127.0.0.1:PORT/api', ''],
      ['http://127.0.0.1:PORT/api/', ''],
      ['http://localhost:PORT', ''],
    ])('%s reaches /api/sms/otp/generate', async (template) => {
      const baseUrl = template.replace('PORT', new URL(server.url).port);
      const app = await start([TermiiModule.forRoot({ apiKey: API_KEY, baseUrl })]);
      const before = server.requests.length;
      await app.get(InAppTokenService).generate({ phoneNumber: '2348109477743' });
      expect(server.requests[before].path).toBe('/api/sms/otp/generate');
    });
  });

  it('Test.createTestingModule(...).overrideProvider(InAppTokenService) replaces the service in a consumer', async () => {
    @Injectable()
    class AuthService {
      constructor(private readonly tokens: InAppTokenService) {}
      async requestCode(phoneNumber: string): Promise<string> {
        return (await this.tokens.generate({ phoneNumber })).pinId;
      }
    }
    @Module({ imports: [TermiiModule.forRoot({ apiKey: API_KEY, baseUrl: server.url })], providers: [AuthService] })
    class AuthModule {}

    const calls: unknown[] = [];
    const double = {
      generate: async (input: unknown) => {
        calls.push(input);
        return { pinId: 'double-pin-id', otp: '000000', phoneNumber: '2348109477743' };
      },
      verify: async () => ({ pinId: 'double-pin-id', verified: true, status: 'verified' as const }),
    };
    const before = server.requests.length;
    const moduleRef = await Test.createTestingModule({ imports: [AuthModule] })
      .overrideProvider(InAppTokenService)
      .useValue(double)
      .compile();
    const app = await moduleRef.init();
    apps.push(app);
    expect(await app.get(AuthService).requestCode('2348109477743')).toBe('double-pin-id');
    expect(calls).toEqual([{ phoneNumber: '2348109477743' }]);
    expect(server.requests).toHaveLength(before);
  });
});
