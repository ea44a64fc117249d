import { Module } from '@nestjs/common';
import { SignInPageController } from './sign-in-page.controller.js';

/** The sign-in page (`GET /`, its style and its script), a client of the app's own JSON API. */
@Module({ controllers: [SignInPageController] })
export class SignInModule {}
