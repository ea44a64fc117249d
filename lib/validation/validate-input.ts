import {
  getMetadataStorage,
  isDefined,
  isEnum,
  isInt,
  isNotEmpty,
  isString,
  matches,
  max,
  maxLength,
  min,
  validateSync,
  ValidationTypes,
  type ValidationArguments,
  type ValidationError,
  type ValidatorConstraintInterface,
  type ValidatorOptions,
} from 'class-validator';
import type { ConstraintMetadata } from 'class-validator/types/metadata/ConstraintMetadata.js';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata.js';
import { TermiiValidationError, type TermiiValidationIssue } from '../errors/termii.error.js';
import { toInstance } from './dto-mapping.js';

type DtoClass<T> = new () => T;

const declaredProperties = new WeakMap<DtoClass<unknown>, ReadonlySet<string>>();

/** The properties a DTO declares, read once from its class-validator decorators. */
export function propertiesOf(dto: DtoClass<unknown>): ReadonlySet<string> {
  let properties = declaredProperties.get(dto);
  if (!properties) {
    const metadata = getMetadataStorage().getTargetValidationMetadatas(dto, '', true, false);
    properties = new Set(metadata.map((m) => m.propertyName));
    declaredProperties.set(dto, properties);
  }
  return properties;
}

const VALIDATOR_OPTIONS: ValidatorOptions = Object.freeze({
  forbidUnknownValues: true,
  validationError: Object.freeze({ target: false, value: false }),
});

/**
 * One rule ready to run on a property's value: `true` when it holds, `false` when it fails or cannot say
 * (the caller then runs `validateSync`, which decides and gives the errors).
 */
type Test = (value: unknown, object: object) => boolean;

/** One property's rules, as class-validator's `validateSync` runs them, compiled once per class. */
interface PropertyRules {
  property: string;
  /** It has `@IsOptional`: its other rules are not run when the value is `null` or `undefined`. */
  optional: boolean;
  /** Other conditions (`@ValidateIf`): when one says no, the property's other rules are not run. */
  conditions: ((object: object, value: unknown) => boolean)[];
  /** `@IsDefined` first, then every other rule. */
  tests: Test[];
}

/** Per DTO class: its rules, or `null` when it has a kind of rule the short path below does not run. */
const rulesByClass = new WeakMap<object, PropertyRules[] | null>();

function rulesOf(dto: DtoClass<unknown>): PropertyRules[] | null {
  let rules = rulesByClass.get(dto);
  if (rules === undefined) {
    // The very metadata `validateSync` reads for these options (no groups, `always` off).
    const storage = getMetadataStorage();
    const metadata = storage.getTargetValidationMetadatas(dto, undefined as unknown as string, false, false, undefined);
    const grouped = storage.groupByPropertyName(metadata);
    const supported = new Set<string>([
      ValidationTypes.CUSTOM_VALIDATION,
      ValidationTypes.CONDITIONAL_VALIDATION,
      ValidationTypes.IS_DEFINED,
      ValidationTypes.WHITELIST,
    ]);
    rules =
      metadata.length > 0 && metadata.every((m) => supported.has(m.type))
        ? Object.entries(grouped).map(([property, all]) => {
            const conditions = all.filter((m) => m.type === ValidationTypes.CONDITIONAL_VALIDATION);
            return {
              property,
              optional: conditions.some(isOptionalRule),
              conditions: conditions
                .filter((m) => !isOptionalRule(m))
                .map((m) => m.constraints[0] as (object: object, value: unknown) => boolean),
              tests: [
                ...all.filter((m) => m.type === ValidationTypes.IS_DEFINED),
                ...all.filter((m) => m.type === ValidationTypes.CUSTOM_VALIDATION),
              ].map((rule) =>
                testOf(
                  dto.name,
                  rule,
                  // validateSync skips asynchronous constraints.
                  storage.getTargetValidatorConstraints(rule.constraintCls).filter((c) => !c.async),
                ),
              ),
            };
          })
        : null;
    rulesByClass.set(dto, rules);
  }
  return rules;
}

/**
 * class-validator's `@IsOptional`, whose condition is "the value is neither `null` nor `undefined`": tested
 * on `PROBES`, so that another rule of that name stays a condition of its own.
 */
function isOptionalRule(rule: ValidationMetadata): boolean {
  if (rule.name !== 'isOptional') return false;
  const condition = rule.constraints[0] as (object: object, value: unknown) => unknown;
  try {
    return PROBES.every(
      (value) => Boolean(condition({ [rule.propertyName]: value }, value)) === (value !== null && value !== undefined),
    );
  } catch {
    return false;
  }
}

/**
 * A rule as a test. A rule made by one of class-validator's own decorators (`@IsInt`, `@Min`, ...) calls
 * that decorator's check function directly, as the decorator's constraint does, rather than through the
 * constraint object, its wrapper and an arguments object per call. At concurrency 1, between two calls,
 * other work evicts the module's code and data from the CPU's caches; the fewer objects a call touches,
 * the less it waits on memory (validation cost about 10 µs a call that way, on the benchmark's machine).
 */
function testOf(targetName: string, rule: ValidationMetadata, constraints: ConstraintMetadata[]): Test {
  const direct = constraints.length === 1 && !rule.each && !rule.validateIf ? directTestOf(rule, constraints[0]) : null;
  if (direct !== null) return direct;
  // Each constraint's instance, taken from class-validator's container once: every `instance` read looks it
  // up again (a search through every constraint class in use, or the app's container when `useContainer`
  // set one). The constraints are stateless, so one instance serves every call.
  const instances: ValidatorConstraintInterface[] = constraints.map((constraint) => constraint.instance);
  return (value, object) => {
    if (rule.validateIf && !rule.validateIf(object, value)) return true;
    // `each` rules on a collection validate every item: left to validateSync.
    if (rule.each && (Array.isArray(value) || value instanceof Set || value instanceof Map)) return false;
    for (const instance of instances) {
      const args: ValidationArguments = {
        targetName,
        property: rule.propertyName,
        object,
        value,
        constraints: rule.constraints,
      };
      const valid: unknown = instance.validate(value, args);
      if (!valid || valid instanceof Promise) return false;
    }
    return true;
  };
}

/**
 * The check functions of class-validator's decorators, by the rule name each registers, called with the
 * arguments that decorator's constraint passes them.
 */
const CHECKS: Readonly<Record<string, (value: unknown, constraints: unknown[]) => boolean>> = {
  isDefined: (value) => isDefined(value),
  isString: (value) => isString(value),
  isInt: (value) => isInt(value),
  isNotEmpty: (value) => isNotEmpty(value),
  isEnum: (value, constraints) => isEnum(value, constraints[0]),
  min: (value, constraints) => min(value, constraints[0] as number),
  max: (value, constraints) => max(value, constraints[0] as number),
  maxLength: (value, constraints) => maxLength(value, constraints[0] as number),
  matches: (value, constraints) =>
    (matches as (value: unknown, pattern: unknown, modifiers: unknown) => boolean)(
      value,
      constraints[0],
      constraints[1],
    ),
};

/** Values a direct test must judge as the rule's own constraint does before it stands in for it. */
const PROBES: readonly unknown[] = [
  undefined,
  null,
  true,
  0,
  1,
  -1,
  1.5,
  Number.NaN,
  4,
  60,
  61,
  Number.MAX_SAFE_INTEGER,
  '',
  ' ',
  'a',
  'NUMERIC',
  '1234',
  '2348109477743',
  'x'.repeat(2_000),
  {},
  [],
  [1],
];

/**
 * The direct test of a rule, or `null` when there is none. A rule whose name is in `CHECKS` but whose
 * constraint judges one of `PROBES` (or the rule's own constraints) differently — another decorator that
 * took the same name — keeps its constraint.
 */
function directTestOf(rule: ValidationMetadata, constraint: ConstraintMetadata): Test | null {
  const check = rule.name === undefined ? undefined : CHECKS[rule.name];
  if (check === undefined) return null;
  const constraints: unknown[] = rule.constraints ?? [];
  const probes = [...PROBES, ...constraints];
  try {
    for (const value of probes) {
      const args: ValidationArguments = { targetName: '', property: rule.propertyName, object: {}, value, constraints };
      const instance: ValidatorConstraintInterface = constraint.instance;
      if (Boolean(instance.validate(value, args)) !== check(value, constraints)) return null;
    }
  } catch {
    return null;
  }
  return (value) => check(value, constraints);
}

/**
 * Whether every rule of `instance` holds, as `validateSync` runs them, without building error objects.
 * `false` means "not sure": the caller then runs `validateSync`, which gives the errors, so a `true` here
 * stands for an empty `validateSync` result.
 */
function passesEveryRule(rules: PropertyRules[], instance: object): boolean {
  for (const { property, optional, conditions, tests } of rules) {
    const value = (instance as Record<string, unknown>)[property];
    let validated = !optional || (value !== null && value !== undefined);
    for (const condition of conditions) if (!condition(instance, value)) validated = false;
    if (!validated) continue;
    for (const test of tests) if (!test(value, instance)) return false;
  }
  return true;
}

function issuesOf(errors: ValidationError[]): TermiiValidationIssue[] {
  return errors.map((e) => ({ property: e.property, messages: Object.values(e.constraints ?? {}) }));
}

/**
 * Turns a call's input (a DTO instance or a plain object) into a validated DTO instance.
 *
 * Unknown properties are reported before anything is transformed, so keys such as `__proto__` or
 * `constructor` never reach class-transformer.
 * @throws TermiiValidationError listing every invalid or unknown property.
 */
export function validateInput<T extends object>(dto: DtoClass<T>, input: unknown): T {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    throw new TermiiValidationError([{ property: 'input', messages: ['input must be an object'] }]);
  }
  const declared = propertiesOf(dto);
  const known: Record<string, unknown> = {};
  const issues: TermiiValidationIssue[] = [];
  for (const key of Object.keys(input)) {
    const value = (input as Record<string, unknown>)[key];
    if (!declared.has(key)) issues.push({ property: key, messages: [`property ${key} should not exist`] });
    // An explicit `undefined` means "left out", as it does for optional fields in TypeScript.
    else if (value !== undefined) known[key] = value;
  }
  const instance = toInstance(dto, known);
  const rules = rulesOf(dto);
  if (issues.length === 0 && rules !== null && passesEveryRule(rules, instance)) return instance;
  issues.push(...issuesOf(validateSync(instance, VALIDATOR_OPTIONS)));
  if (issues.length > 0) throw new TermiiValidationError(issues);
  return instance;
}
