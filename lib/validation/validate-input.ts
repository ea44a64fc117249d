import { getMetadataStorage, validateSync, type ValidationError } from 'class-validator';
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
  issues.push(
    ...issuesOf(
      validateSync(instance, { forbidUnknownValues: true, validationError: { target: false, value: false } }),
    ),
  );
  if (issues.length > 0) throw new TermiiValidationError(issues);
  return instance;
}
