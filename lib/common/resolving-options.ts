import type { InjectionToken, Provider } from '@nestjs/common';

/**
 * For a `ConfigurableModuleBuilder` module: makes its options provider (`useValue` for `forRoot`; a factory
 * for `useFactory`, `useClass` and `useExisting`) hold `resolve(options)` — the validated options object,
 * which hides its secret from `util.inspect` and `JSON.stringify` — instead of the user's plain object.
 * Invalid options thus fail start-up. Other providers pass through unchanged.
 *
 * Shared by `TermiiModule` and `TermiiWebhooksModule`.
 */
export function resolvingOptions<T>(
  token: InjectionToken,
  resolve: (options: T) => unknown,
): (provider: Provider) => Provider {
  return (provider) => {
    if (typeof provider !== 'object' || provider.provide !== token) return provider;
    if ('useValue' in provider) {
      const options = provider.useValue as T;
      return { provide: token, useFactory: () => resolve(options) };
    }
    if ('useFactory' in provider) {
      const { useFactory, inject } = provider;
      return {
        provide: token,
        useFactory: async (...deps: unknown[]) => resolve((await useFactory(...deps)) as T),
        inject,
      };
    }
    return provider;
  };
}
