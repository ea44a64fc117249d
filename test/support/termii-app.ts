import { Test } from '@nestjs/testing';
import type { INestApplicationContext } from '@nestjs/common';
import { InAppTokenService, TermiiModule, TokenService, type TermiiModuleOptions } from '../../lib/index.js';

/** A Nest application context with `TermiiModule.forRoot(options)`, its `InAppTokenService` and `TokenService`. */
export async function createTermiiApp(
  options: TermiiModuleOptions,
): Promise<{ app: INestApplicationContext; service: InAppTokenService; tokens: TokenService }> {
  const moduleRef = await Test.createTestingModule({ imports: [TermiiModule.forRoot(options)] }).compile();
  const app = await moduleRef.init();
  return { app, service: app.get(InAppTokenService), tokens: app.get(TokenService) };
}
