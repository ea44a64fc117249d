import {
  ArgumentsHost,
  BadRequestException,
  Body,
  Catch,
  Controller,
  ExceptionFilter,
  HttpCode,
  Module,
  Post,
} from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { InAppTokenService, TermiiModule, TermiiValidationError } from 'nestjs-termii';

@Controller('otp')
export class OtpController {
  constructor(private readonly tokens: InAppTokenService) {}

  /** Issues a PIN; a real app would deliver the OTP through its own channel and return only the pinId. */
  @Post()
  @HttpCode(201)
  async start(@Body() body: { phoneNumber: string }): Promise<{ pinId: string; phoneNumber: string }> {
    const token = await this.tokens.generate({ phoneNumber: body.phoneNumber });
    return { pinId: token.pinId, phoneNumber: token.phoneNumber };
  }
}

/** Answers 400 for invalid input. `@Catch` matches by instanceof, so this needs the one copy of the class. */
@Catch(TermiiValidationError)
export class TermiiValidationFilter extends BaseExceptionFilter implements ExceptionFilter {
  override catch(error: TermiiValidationError, host: ArgumentsHost): void {
    super.catch(new BadRequestException(error.issues.map((issue) => issue.property)), host);
  }
}

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
  controllers: [OtpController],
})
export class AppModule {}
