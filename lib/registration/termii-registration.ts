import type { InjectionToken, Provider, Type } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import { TermiiConfigError } from '../errors/termii.error.js';

/** Which registration a module instance is: its `name`, `undefined` for the unnamed (default) one. */
export interface TermiiRegistration {
  readonly name: string | undefined;
}

/** The token of a registration's `TermiiRegistration`, one per `TermiiModule`/`TermiiTestingModule` instance. */
export const TERMII_REGISTRATION = Symbol('TERMII_REGISTRATION');
/** Instantiated with every named registration: the start-up check that its name is not registered twice. */
const TERMII_UNIQUE_NAME_CHECK = Symbol('TERMII_UNIQUE_NAME_CHECK');

/** The registration of a module registered without a name. */
export const UNNAMED_REGISTRATION: TermiiRegistration = Object.freeze({ name: undefined });

/** Names travel into injection tokens, error messages and diagnostics events: kept short and plain. */
const REGISTRATION_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

/**
 * The injection token of `service` in the registration called `name`: the class itself for the unnamed
 * registration (inject by class, as always), a string naming both for a named one. Use it with
 * `moduleRef.get(...)` and `Test.createTestingModule(...).overrideProvider(...)`.
 *
 * @example moduleRef.get<InAppTokenService>(getTermiiServiceToken(InAppTokenService, 'ghana'))
 */
export function getTermiiServiceToken<T>(service: Type<T>, name?: string): Type<T> | string {
  return name === undefined ? service : termiiServiceToken(service.name, name);
}

/**
 * The token of the service class called `serviceName` in the registration `name`. Worded for Nest's
 * "can't resolve dependencies" message, which quotes it when no imported registration has that name.
 */
export function termiiServiceToken(serviceName: string, name: string): string {
  return `${serviceName} of the Termii registration "${name}"`;
}

/**
 * A registration's services and what makes its module instance one: its `TermiiRegistration`, and for a
 * named one the check that the name is unique. The unnamed registration provides and exports each service
 * under its class; a named one only under its named token, so that `app.get(InAppTokenService)` and injection
 * by class always mean the unnamed registration, and several registrations never collide.
 * @throws TermiiConfigError when `name` is given and is not 1–64 letters, digits, `.`, `_` or `-`.
 */
export function termiiRegistration(
  name: string | undefined,
  services: readonly Type<unknown>[],
): { providers: Provider[]; exports: InjectionToken[] } {
  if (name === undefined) {
    return {
      providers: [{ provide: TERMII_REGISTRATION, useValue: UNNAMED_REGISTRATION }, ...services],
      exports: [...services],
    };
  }
  if (typeof name !== 'string' || !REGISTRATION_NAME.test(name)) {
    throw new TermiiConfigError(
      'name',
      'must be 1 to 64 letters, digits, ".", "_" or "-", starting with a letter or digit',
    );
  }
  const registration: TermiiRegistration = Object.freeze({ name });
  const named = services.map((service) => ({ provide: termiiServiceToken(service.name, name), useClass: service }));
  return {
    providers: [
      { provide: TERMII_REGISTRATION, useValue: registration },
      {
        provide: TERMII_UNIQUE_NAME_CHECK,
        useFactory: (modules: ModulesContainer) => assertRegisteredOnce(name, modules),
        inject: [ModulesContainer],
      },
      ...named,
    ],
    exports: named.map((provider) => provider.provide),
  };
}

/**
 * Fails start-up when two module instances of the application carry a registration called `name`: they would
 * export the same tokens, and which one a consumer got would depend on import order.
 */
function assertRegisteredOnce(name: string, modules: ModulesContainer): true {
  let count = 0;
  for (const module of modules.values()) {
    const registration = module.providers.get(TERMII_REGISTRATION)?.instance as TermiiRegistration | undefined;
    if (registration?.name === name) count++;
  }
  if (count > 1) {
    throw new TermiiConfigError(
      'name',
      `"${name}" is registered ${count} times (TermiiModule.forRoot/forRootAsync or TermiiTestingModule.forRoot); ` +
        'register each name once, and import that module wherever its services are needed',
    );
  }
  return true;
}
