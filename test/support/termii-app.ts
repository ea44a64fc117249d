import { Test } from '@nestjs/testing';
import type { INestApplicationContext } from '@nestjs/common';
import { InAppTokenService, TermiiModule, type TermiiModuleOptions } from '../../lib/index.js';

/** A Nest application context with `TermiiModule.forRoot(options)`, and its `InAppTokenService`. */
export async function createTermiiApp(
  options: TermiiModuleOptions,
): Promise<{ app: INestApplicationContext; service: InAppTokenService }> {
  const moduleRef = await Test.createTestingModule({ imports: [TermiiModule.forRoot(options)] }).compile();
  const app = await moduleRef.init();
  return { app, service: app.get(InAppTokenService) };
}
