import { Module } from '@nestjs/common';
import { SandboxPhoneController } from './sandbox-phone.controller.js';

/** `GET /sandbox/phone`: the embedded sandbox's outbox for one number (a `404` anywhere else). */
@Module({ controllers: [SandboxPhoneController] })
export class SandboxPhoneModule {}
