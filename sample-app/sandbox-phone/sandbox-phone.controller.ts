import {
  Controller,
  Get,
  Injectable,
  NotFoundException,
  Query,
  UseGuards,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request } from 'express';
import { embeddedTermiiSandbox } from '../termii/termii-options.factory.js';
import { SandboxPhoneQueryDto, type SandboxPhoneDto, type SandboxPhoneMessageDto } from './dto/sandbox-phone.dto.js';

/**
 * `404` unless the app runs on its embedded sandbox, with the very answer of a route that does not exist;
 * as a guard, it runs before validation, so that not even a bad query can tell.
 */
@Injectable()
export class EmbeddedSandboxOnlyGuard implements CanActivate {
  constructor(private readonly config: ConfigService) {}

  canActivate(context: ExecutionContext): boolean {
    if (embeddedTermiiSandbox(this.config) !== undefined) return true;
    const { method, originalUrl } = context.switchToHttp().getRequest<Request>();
    throw new NotFoundException(`Cannot ${method} ${originalUrl}`);
  }
}

/**
 * `GET /sandbox/phone?phoneNumber=…`: what the embedded sandbox's "phone" received for a number — the SMS
 * and voice messages in its outbox, codes included, newest first — so that a person can finish a sign-in with
 * `OTP_CHANNEL=sms` or `voice` from the browser alone.
 *
 * Only on the embedded sandbox (no `TERMII_API_KEY`, never in production): anywhere else it answers `404`,
 * as if it did not exist, because with a real Termii the codes are on real phones and the app never sees
 * them. Left out of the OpenAPI docs, which describe the app, not the demo's props.
 */
@ApiExcludeController()
@UseGuards(EmbeddedSandboxOnlyGuard)
@Controller('sandbox/phone')
export class SandboxPhoneController {
  constructor(private readonly config: ConfigService) {}

  @Get()
  messages(@Query() query: SandboxPhoneQueryDto): SandboxPhoneDto {
    const sandbox = embeddedTermiiSandbox(this.config)!;
    const messages: SandboxPhoneMessageDto[] = [];
    for (const message of sandbox.messagesFor(query.phoneNumber)) {
      // What a phone shows: SMS and voice. (Voice Call and Email Token carry the caller's own codes.)
      if (message.channel !== 'sms' && message.channel !== 'voice') continue;
      messages.unshift({
        channel: message.channel,
        // A Token API delivery carries its code; a plain message (Termii's messaging) only its text.
        ...(message.code === undefined ? {} : { code: message.code }),
        ...(message.text === undefined ? {} : { text: message.text }),
        ...(message.from === undefined ? {} : { from: message.from }),
        receivedAt: new Date(message.sentAt).toISOString(),
      });
    }
    return { phoneNumber: query.phoneNumber, messages };
  }
}
