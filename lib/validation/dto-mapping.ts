import {
  Expose,
  instanceToPlain,
  plainToInstance,
  TransformationType,
  type ClassTransformOptions,
} from 'class-transformer';
import { defaultMetadataStorage as storage } from 'class-transformer/cjs/storage.js';

/**
 * The one way between DTO classes and Termii's wire objects: class-transformer's `plainToInstance` and
 * `instanceToPlain`, through a plan read once per class from the same `@Expose` / `@Transform` metadata.
 *
 * class-transformer looks every decorator up again on each call (about 5–15 µs per call on the benchmark's
 * machine, more than the rest of a call's own work). Each function here gives the very result of the
 * class-transformer call it names; it takes the short path only where the outcome is plain renaming,
 * copying and `@Transform` functions — a class without `@Type`, `@Exclude`, class-level strategy, groups or
 * versions, and values that are not objects — and hands anything else to class-transformer itself.
 */

type DtoClass<T> = new () => T;

/** The defaults class-transformer gives a `@Transform` function as `options` when a call sets none. */
const TRANSFORM_OPTIONS: ClassTransformOptions = Object.freeze({
  enableCircularCheck: false,
  enableImplicitConversion: false,
  excludeExtraneousValues: false,
  excludePrefixes: undefined,
  exposeDefaultValues: false,
  exposeUnsetFields: true,
  groups: undefined,
  ignoreDecorators: false,
  strategy: undefined,
  targetMaps: undefined,
  version: undefined,
});
const EXTRANEOUS_OPTIONS: ClassTransformOptions = Object.freeze({
  ...TRANSFORM_OPTIONS,
  excludeExtraneousValues: true,
});

type TransformFn = (params: {
  value: unknown;
  key: string;
  obj: unknown;
  type: TransformationType;
  options: ClassTransformOptions;
}) => unknown;

/** How one property is read into an instance: its name there, and its `@Transform` functions in order. */
interface IntoClass {
  property: string;
  transforms: TransformFn[];
}

interface Plan {
  /** The class has nothing the short paths leave out (see the file comment). */
  simple: boolean;
  /** Per own property of an instance: its wire name, or `null` when class-transformer must write it. */
  wireNames: Map<string, string | null>;
  /** Per plain key: how it is read into an instance, or `null` when class-transformer must read it. */
  intoClass: Map<string, IntoClass | null>;
  /**
   * `@Expose`d wire keys read into an instance (what `excludeExtraneousValues` keeps), each with how it is
   * read, or `null` (not simple).
   */
  exposedToClass: ExposedKey[] | null | undefined;
  /** `@Expose`d properties written to plain, whether or not an instance has them. */
  exposedToPlain: string[];
  /** The last shape `toPlain` met (the services build each request the same way, so nearly always the next). */
  lastShape: PlainShape | undefined;
}

/** How `toPlain` writes instances with a given list of own keys: found once per list rather than per key. */
interface PlainShape {
  /** The instance's own keys, in order. */
  keys: string[];
  /** Each key's wire name; `undefined` for a key that is skipped (`__proto__`, `constructor`). */
  names: (string | undefined)[];
  /** `@Expose`d properties the instance lacks, written as `undefined` under their wire names. */
  missing: { property: string; name: string }[];
}

/** An `@Expose`d wire key and how it is read into an instance. */
interface ExposedKey {
  key: string;
  into: IntoClass;
}

const plans = new WeakMap<object, Plan>();

/**
 * Whether the storage read here is the one the package root's decorators write to. Under Node both are
 * class-transformer's CommonJS build; a bundler that picks its ESM build for the root (its `module` field)
 * would give two stores, and plans read from an empty one would send camelCase keys. Then every call goes
 * to class-transformer itself.
 */
const STORAGE_IS_SHARED = ((): boolean => {
  class StorageProbe {
    @Expose({ name: 'storage_probe' })
    probe?: string;
  }
  return storage.findExposeMetadata(StorageProbe, 'probe') !== undefined;
})();

function planOf(cls: object): Plan {
  let plan = plans.get(cls);
  if (plan === undefined) {
    const target = cls as DtoClass<unknown>;
    const exposed = storage.getExposedMetadatas(target);
    const simple =
      STORAGE_IS_SHARED &&
      storage.getStrategy(target) === 'none' &&
      storage.getExcludedMetadatas(target).length === 0 &&
      exposed.every(
        ({ options }) => !options?.groups?.length && options?.since === undefined && options?.until === undefined,
      );
    plan = {
      simple,
      wireNames: new Map(),
      intoClass: new Map(),
      exposedToClass: undefined,
      exposedToPlain: simple ? storage.getExposedProperties(target, TransformationType.CLASS_TO_PLAIN) : [],
      lastShape: undefined,
    };
    plans.set(cls, plan);
  }
  return plan;
}

/** Only the values class-transformer hands on as they are (objects and functions it copies or calls). */
function isPlainValue(value: unknown): boolean {
  return value === null || (typeof value !== 'object' && typeof value !== 'function');
}

/** `@Transform` functions of a direction, or `null` when one of them is limited to groups or versions. */
function transformsOf(cls: object, property: string, direction: TransformationType): TransformFn[] | null {
  const metadata = storage.findTransformMetadatas(cls as DtoClass<unknown>, property, direction);
  if (
    metadata.some(
      ({ options }) => options?.groups?.length || options?.since !== undefined || options?.until !== undefined,
    )
  ) {
    return null;
  }
  return metadata.map(({ transformFn }) => transformFn as TransformFn);
}

function wireNameOf(cls: object, plan: Plan, property: string): string | null {
  let name = plan.wireNames.get(property);
  if (name === undefined) {
    const target = cls as DtoClass<unknown>;
    const transforms = transformsOf(cls, property, TransformationType.CLASS_TO_PLAIN);
    // `||`, not `??`: class-transformer takes an empty `@Expose` name for none.
    name =
      transforms?.length === 0 && storage.findTypeMetadata(target, property) === undefined
        ? storage.findExposeMetadata(target, property)?.options?.name || property
        : null;
    plan.wireNames.set(property, name);
  }
  return name;
}

function intoClassOf(cls: object, plan: Plan, key: string): IntoClass | null {
  let into = plan.intoClass.get(key);
  if (into === undefined) {
    const target = cls as DtoClass<unknown>;
    const property = storage.findExposeMetadataByCustomName(target, key)?.propertyName ?? key;
    const transforms = transformsOf(cls, property, TransformationType.PLAIN_TO_CLASS);
    const prototype = target.prototype as Record<string, unknown>;
    const descriptor = Object.getOwnPropertyDescriptor(prototype, property);
    // class-transformer leaves out a property the prototype defines without a setter, or as a method.
    const skipped = (descriptor !== undefined && !descriptor.set) || prototype[property] instanceof Function;
    into =
      transforms !== null && !skipped && storage.findTypeMetadata(target, property) === undefined
        ? { property, transforms }
        : null;
    plan.intoClass.set(key, into);
  }
  return into;
}

/** The `@Expose`d wire keys read into an instance, found once; `null` when one cannot take the short path. */
function exposedToClassOf(cls: object, plan: Plan): ExposedKey[] | null {
  if (plan.exposedToClass === undefined) {
    const target = cls as DtoClass<unknown>;
    const exposed: ExposedKey[] = [];
    for (const property of storage.getExposedProperties(target, TransformationType.PLAIN_TO_CLASS)) {
      const key = storage.findExposeMetadata(target, property)?.options?.name || property;
      const into = intoClassOf(cls, plan, key);
      if (into === null) {
        plan.exposedToClass = null;
        return null;
      }
      exposed.push({ key, into });
    }
    plan.exposedToClass = exposed;
  }
  return plan.exposedToClass;
}

/** Reads one key of `plain` into `instance` as class-transformer does: through the property's `@Transform`s. */
function readInto(
  instance: Record<string, unknown>,
  into: IntoClass,
  plain: Record<string, unknown>,
  key: string,
  options: ClassTransformOptions,
): void {
  let value: unknown = plain[key];
  for (const transformFn of into.transforms) {
    value = transformFn({ value, key: into.property, obj: plain, type: TransformationType.PLAIN_TO_CLASS, options });
  }
  instance[into.property] = value;
}

/**
 * Reads `plain` (an object) into a new instance of `cls`, renaming `@Expose`d keys and applying the
 * `@Transform`s meant for class instances: exactly `plainToInstance(cls, plain)`.
 */
export function toInstance<T extends object>(cls: DtoClass<T>, plain: Record<string, unknown>): T {
  const plan = planOf(cls);
  const exposed = plan.simple ? exposedToClassOf(cls, plan) : null;
  if (exposed === null) return plainToInstance(cls, plain);
  const keys = Object.keys(plain);
  const steps: IntoClass[] = [];
  for (const key of keys) {
    const into = key === '__proto__' || key === 'constructor' ? null : intoClassOf(cls, plan, key);
    if (into === null || !isPlainValue(plain[key])) return plainToInstance(cls, plain);
    steps.push(into);
  }
  // class-transformer then visits the `@Expose`d keys that `plain` lacks, as `undefined`.
  for (const { key } of exposed) {
    if (!Object.prototype.hasOwnProperty.call(plain, key) && !isPlainValue(plain[key])) {
      return plainToInstance(cls, plain);
    }
  }
  const instance = new cls() as Record<string, unknown>;
  for (let i = 0; i < keys.length; i++) readInto(instance, steps[i], plain, keys[i], TRANSFORM_OPTIONS);
  for (const { key, into } of exposed) {
    if (!Object.prototype.hasOwnProperty.call(plain, key)) readInto(instance, into, plain, key, TRANSFORM_OPTIONS);
  }
  return instance as T;
}

/**
 * Reads only the `@Expose`d keys of `plain` (an object) into a new instance of `cls`, every one of them set
 * (`undefined` when missing): exactly `plainToInstance(cls, plain, { excludeExtraneousValues: true })`.
 */
export function toExposedInstance<T extends object>(cls: DtoClass<T>, plain: Record<string, unknown>): T {
  const plan = planOf(cls);
  const exposed = plan.simple ? exposedToClassOf(cls, plan) : null;
  if (exposed === null) return plainToInstance(cls, plain, { excludeExtraneousValues: true });
  for (const { key } of exposed) {
    if (!isPlainValue(plain[key])) return plainToInstance(cls, plain, { excludeExtraneousValues: true });
  }
  const instance = new cls() as Record<string, unknown>;
  for (const { key, into } of exposed) readInto(instance, into, plain, key, EXTRANEOUS_OPTIONS);
  return instance as T;
}

/**
 * The wire object of a DTO instance: its own properties under their `@Expose` names, then every other
 * `@Expose`d property as `undefined`: exactly `instanceToPlain(instance)`.
 */
export function toPlain(instance: object): Record<string, unknown> {
  const cls = instance.constructor;
  const plan = typeof cls === 'function' && cls !== Object ? planOf(cls) : undefined;
  if (plan === undefined || !plan.simple) return instanceToPlain(instance);
  const source = instance as Record<string, unknown>;
  const keys = Object.keys(source);
  let shape = plan.lastShape;
  if (shape === undefined || !sameKeys(shape.keys, keys)) {
    const found = shapeOf(cls, plan, keys);
    if (found === null) return instanceToPlain(instance);
    shape = plan.lastShape = found;
  }
  const { names, missing } = shape;
  const plain: Record<string, unknown> = {};
  for (let i = 0; i < keys.length; i++) {
    const name = names[i];
    if (name === undefined) continue;
    const value = source[keys[i]];
    if (!isPlainValue(value)) return instanceToPlain(instance);
    plain[name] = value;
  }
  for (const { property, name } of missing) {
    // Not an own property, but the prototype gives it a value: class-transformer's to write.
    if (source[property] !== undefined) return instanceToPlain(instance);
    plain[name] = undefined;
  }
  return plain;
}

/** The shape of instances with these own keys, or `null` when class-transformer must write them. */
function shapeOf(cls: object, plan: Plan, keys: string[]): PlainShape | null {
  const names: (string | undefined)[] = [];
  for (const key of keys) {
    if (key === '__proto__' || key === 'constructor') {
      names.push(undefined);
      continue;
    }
    const name = wireNameOf(cls, plan, key);
    if (name === null) return null;
    names.push(name);
  }
  const missing: { property: string; name: string }[] = [];
  for (const property of plan.exposedToPlain) {
    if (keys.includes(property)) continue;
    const name = wireNameOf(cls, plan, property);
    if (name === null) return null;
    missing.push({ property, name });
  }
  return { keys, names, missing };
}

function sameKeys(a: string[], b: string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
