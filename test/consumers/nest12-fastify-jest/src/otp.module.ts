import { Injectable, Module } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { InAppTokenService, TermiiModule } from 'nestjs-termii';

/** The app's own code: it injects InAppTokenService. */
@Injectable()
export class OtpService {
  constructor(private readonly tokens: InAppTokenService) {}

  async start(phoneNumber: string): Promise<string> {
    const token = await this.tokens.generate({ phoneNumber });
    return token.pinId;
  }

  async finish(pinId: string, pin: string): Promise<boolean> {
    return (await this.tokens.verify({ pinId, pin })).verified;
  }
}

/** Termii configured from the environment through ConfigService, as the README shows. */
@Module({
  imports: [
    ConfigModule.forRoot({ ignoreEnvFile: true }),
    TermiiModule.forRootAsync({
      imports: [ConfigModule],
      inject: [ConfigService],
      useFactory: (config: ConfigService) => ({
        apiKey: config.getOrThrow<string>('TERMII_API_KEY'),
        baseUrl: config.get<string>('TERMII_BASE_URL'),
      }),
    }),
  ],
  providers: [OtpService],
  exports: [OtpService],
})
export class OtpModule {}
