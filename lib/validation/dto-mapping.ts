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
  /** `@Expose`d wire keys read into an instance (what `excludeExtraneousValues` keeps), or `null` (not simple). */
  exposedToClass: string[] | null | undefined;
  /** `@Expose`d properties written to plain, whether or not an instance has them. */
  exposedToPlain: string[];
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
function exposedToClassOf(cls: object, plan: Plan): string[] | null {
  if (plan.exposedToClass === undefined) {
    const target = cls as DtoClass<unknown>;
    const keys = storage
      .getExposedProperties(target, TransformationType.PLAIN_TO_CLASS)
      .map((property) => storage.findExposeMetadata(target, property)?.options?.name || property);
    plan.exposedToClass = keys.every((key) => intoClassOf(cls, plan, key) !== null) ? keys : null;
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
  for (const key of exposed) {
    if (!Object.prototype.hasOwnProperty.call(plain, key) && !isPlainValue(plain[key])) {
      return plainToInstance(cls, plain);
    }
  }
  const instance = new cls() as Record<string, unknown>;
  for (let i = 0; i < keys.length; i++) readInto(instance, steps[i], plain, keys[i], TRANSFORM_OPTIONS);
  for (const key of exposed) {
    if (!Object.prototype.hasOwnProperty.call(plain, key)) {
      readInto(instance, intoClassOf(cls, plan, key) as IntoClass, plain, key, TRANSFORM_OPTIONS);
    }
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
  for (const key of exposed) {
    if (!isPlainValue(plain[key])) return plainToInstance(cls, plain, { excludeExtraneousValues: true });
  }
  const instance = new cls() as Record<string, unknown>;
  for (const key of exposed)
    readInto(instance, intoClassOf(cls, plan, key) as IntoClass, plain, key, EXTRANEOUS_OPTIONS);
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
  const plain: Record<string, unknown> = {};
  for (const key of Object.keys(source)) {
    if (key === '__proto__' || key === 'constructor') continue;
    const value = source[key];
    const name = wireNameOf(cls, plan, key);
    if (name === null || !isPlainValue(value)) return instanceToPlain(instance);
    plain[name] = value;
  }
  for (const property of plan.exposedToPlain) {
    if (Object.prototype.hasOwnProperty.call(source, property)) continue;
    const name = wireNameOf(cls, plan, property);
    if (name === null || source[property] !== undefined) return instanceToPlain(instance);
    plain[name] = undefined;
  }
  return plain;
}
