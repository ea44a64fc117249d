import { Controller, Get, Header } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ApiExcludeController } from '@nestjs/swagger';
import { readFileSync } from 'node:fs';
import { embeddedTermiiSandbox } from '../termii/termii-options.factory.js';

/** The page's files, next to this module (`npm run build:sample` copies them next to the compiled one). */
const PUBLIC = new URL('./public/', import.meta.url);

/** Where the page's own files are served, as `index.html` names them. */
export const SIGN_IN_ASSETS = Object.freeze({ style: '/sign-in.css', script: '/sign-in.js' });

/** The attribute that tells the page's script whether `GET /sandbox/phone` exists. */
const SANDBOX_PHONE_ATTRIBUTE = 'data-sandbox-phone';

function read(name: string): string {
  return readFileSync(new URL(name, PUBLIC), 'utf8');
}

/**
 * The sign-in page at `GET /`: plain HTML, CSS and one script file from the app's own origin, which
 * helmet's default Content-Security-Policy allows as it is. Read once, when the app starts. Not in the
 * OpenAPI docs, which describe the API the page calls.
 */
@ApiExcludeController()
@Controller()
export class SignInPageController {
  private readonly html = read('index.html');
  private readonly style = read('sign-in.css');
  private readonly script = read('sign-in.js');

  constructor(private readonly config: ConfigService) {}

  @Get()
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-cache')
  page(): string {
    // The page shows the sandbox's phone only where it exists: it never asks for a route that answers 404.
    const sandboxPhone = embeddedTermiiSandbox(this.config) === undefined ? 'off' : 'on';
    return this.html.replace('<body>', `<body ${SANDBOX_PHONE_ATTRIBUTE}="${sandboxPhone}">`);
  }

  @Get(SIGN_IN_ASSETS.style)
  @Header('Content-Type', 'text/css; charset=utf-8')
  @Header('Cache-Control', 'no-cache')
  stylesheet(): string {
    return this.style;
  }

  @Get(SIGN_IN_ASSETS.script)
  @Header('Content-Type', 'text/javascript; charset=utf-8')
  @Header('Cache-Control', 'no-cache')
  javascript(): string {
    return this.script;
  }
}
