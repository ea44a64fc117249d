/**
 * Per-class code for the DTO paths that every call takes (validation, and mapping to and from the wire),
 * written once from the class's own decorator metadata and compiled with `new Function`.
 *
 * Why: a generic loop over a class's properties reads and writes them by computed name (`object[name]`),
 * and calls each rule through a shared wrapper. Those sites see every DTO class, so V8 can only handle them
 * generically, and between two calls to Termii the caches they rely on go cold. Written out per class,
 * every property access has its name in the code and every rule call has one target, which V8 compiles
 * as if written by hand: on the benchmark's machine that took a call from 1.11 × a bare undici request to
 * the same time as one.
 *
 * The source is built only from the module's own metadata — property names (each written as a JSON
 * string literal, never as code) and the number of rules — never from a call's input. Where code
 * generation from strings is disallowed (`node --disallow-code-generation-from-strings`, some sandboxes),
 * `generateFunction` returns `null` and callers keep their generic path, which gives the same results.
 */

/** Whether code is generated at all: tests of the generic paths turn it off. */
let enabled = true;
/** How many functions were generated: tests check that inputs cannot make it grow without bound. */
let generated = 0;

/** Tests only: how many functions `generateFunction` has made in this process. */
export function generatedFunctionCount(): number {
  return generated;
}

/** Tests only: makes `generateFunction` return `null`, so that every caller takes its generic path. */
export function disableGeneratedCode(): void {
  enabled = false;
}

/**
 * `body` as the body of a function of `parameters`, called with `values`: the function it returns. `null`
 * when code cannot be generated here.
 */
export function generateFunction<F>(parameters: readonly string[], values: readonly unknown[], body: string): F | null {
  if (!enabled) return null;
  let factory: (...args: unknown[]) => unknown;
  try {
    // eslint-disable-next-line @typescript-eslint/no-implied-eval -- the point of this file (see above)
    factory = new Function(...parameters, `'use strict';\n${body}`) as (...args: unknown[]) => unknown;
  } catch (error) {
    // Code generation from strings is disallowed; anything else is a bug in the source built here.
    if (error instanceof EvalError) return null;
    throw error;
  }
  generated++;
  return factory(...values) as F;
}

/** `name` as a JavaScript string literal, for a property access (`object[${literal(name)}]`). */
export function literal(name: string): string {
  return JSON.stringify(name);
}

/** An expression that is true when `variable` is a value class-transformer hands on as it is. */
export function isPlainValueCode(variable: string): string {
  return `(${variable} === null || (typeof ${variable} !== 'object' && typeof ${variable} !== 'function'))`;
}
