import { type ClassTransformOptions, TransformationType } from 'class-transformer';
import { defaultMetadataStorage as transformerMetadata } from 'class-transformer/cjs/storage.js';
import { getMetadataStorage, type ValidationArguments, ValidationTypes } from 'class-validator';

/*
 * A DTO's checks, read once from the decorators' metadata (class-validator's and
 * class-transformer's) and then run as plain loops: the same work that plainToInstance and
 * validate do per request, without their per-request metadata look-ups, filters and closures
 * (class-validator's getTargetValidationMetadatas alone scans every registered class).
 *
 * It mirrors those two libraries for what a request can hold (JSON values; a query's strings and
 * lists of strings) and for the metadata our DTOs use: the class-validator constraints ValidateBy
 * registers (sync), conditions (IsOptional, ValidateIf) and ValidateNested; class-transformer's
 * Transform and Type. Anything else (a class-transformer strategy, Expose/Exclude, a discriminator,
 * async constraints, IsDefined, a Date or Buffer in the body...) throws NotCompiled, and the pipe
 * takes the libraries' own path for that request, so the answer is the same either way.
 * request-validation.differential.spec.ts holds the two paths to the same answers.
 */

/** What this module does not mirror: the caller takes class-transformer and class-validator's path. */
export class NotCompiled extends Error {
  constructor(why: string) {
    super(`not compiled: ${why}`);
  }
}

/** class-validator's error tree, in the shape fieldErrorsOf reads (without the target and value we never send). */
export interface ErrorNode {
  property: string;
  constraints?: Record<string, string>;
  children?: ErrorNode[];
}

type ValidationMetadata = ReturnType<ReturnType<typeof getMetadataStorage>['getTargetValidationMetadatas']>[number];
type ConstraintMetadata = ReturnType<ReturnType<typeof getMetadataStorage>['getTargetValidatorConstraints']>[number];
type TypeMetadata = ReturnType<typeof transformerMetadata.findTypeMetadata>;
type TransformMetadata = ReturnType<typeof transformerMetadata.findTransformMetadatas>[number];
type Dict = Record<string, unknown>;
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- metadata targets are any class
type AnyClass = Function;

/** The options plainToInstance hands a Transform function (its defaults; the pipe passes none). */
const TRANSFORM_OPTIONS: ClassTransformOptions = {
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
};

/** Types class-transformer converts values into by its own rules, not as classes. */
const CONVERTED_TYPES: readonly unknown[] = [String, Number, Boolean, Date, Buffer, Map, Set];

/** How one property of the body is copied onto the instance. */
interface FieldCopy {
  readonly type: TypeMetadata | undefined;
  readonly transforms: readonly TransformMetadata[];
  /** class-transformer leaves out a key the instance already has as a method or a read-only accessor. */
  readonly skip: boolean;
}

/** A constraint's name and its validator, resolved once (class-validator looks the instance up in its container per check). */
interface Constraint {
  readonly name: string;
  readonly instance: ConstraintMetadata['instance'];
}

interface CustomRule {
  readonly metadata: ValidationMetadata;
  readonly constraints: readonly Constraint[];
}

/** What class-validator checks on one declared property, in its order. */
interface PropertyRules {
  readonly name: string;
  readonly conditions: readonly ValidationMetadata[];
  readonly customs: readonly CustomRule[];
  readonly nested: ValidationMetadata | undefined;
}

export interface DtoPlan {
  readonly declared: ReadonlySet<string>;
  readonly properties: readonly PropertyRules[];
  readonly fields: ReadonlyMap<string, FieldCopy>;
}

const SUPPORTED_TYPES: ReadonlySet<string> = new Set([
  ValidationTypes.CUSTOM_VALIDATION,
  ValidationTypes.CONDITIONAL_VALIDATION,
  ValidationTypes.NESTED_VALIDATION,
  ValidationTypes.WHITELIST,
]);

const plans = new Map<AnyClass, DtoPlan | null>();

/** The class's compiled checks, or null when it uses metadata this module does not mirror. */
export function planOf(cls: AnyClass): DtoPlan | null {
  let plan = plans.get(cls);
  if (plan === undefined) {
    plan = compile(cls);
    plans.set(cls, plan);
  }
  return plan;
}

function compile(cls: AnyClass): DtoPlan | null {
  const storage = getMetadataStorage();
  // The same call, with the options the pipe validates with, that class-validator makes per object.
  const metadatas = storage.getTargetValidationMetadatas(cls, '', false, false, undefined);
  const grouped = storage.groupByPropertyName(metadatas);
  const properties: PropertyRules[] = [];
  for (const name of Object.keys(grouped)) {
    const all = grouped[name] ?? [];
    if (all.some((m) => !SUPPORTED_TYPES.has(m.type))) return null;
    const rules = all.filter((m) => m.type !== ValidationTypes.WHITELIST);
    const nested = rules.filter((m) => m.type === ValidationTypes.NESTED_VALIDATION);
    if (nested.length > 1) return null;
    const customMetadatas = rules.filter((m) => m.type === ValidationTypes.CUSTOM_VALIDATION);
    if (customMetadatas.some((m) => storage.getTargetValidatorConstraints(m.constraintCls).some((c) => c.async))) return null;
    const customs = customMetadatas.map((metadata) => ({
      metadata,
      constraints: storage.getTargetValidatorConstraints(metadata.constraintCls).map((c) => ({ name: c.name, instance: c.instance })),
    }));
    properties.push({ name, conditions: rules.filter((m) => m.type === ValidationTypes.CONDITIONAL_VALIDATION), customs, nested: nested[0] });
  }
  if (transformerMetadata.getStrategy(cls) !== 'none') return null;
  if (transformerMetadata.getExposedMetadatas(cls).length > 0 || transformerMetadata.getExcludedMetadatas(cls).length > 0) return null;
  const fields = new Map<string, FieldCopy>();
  for (const name of Object.keys(grouped)) {
    const field = fieldCopyOf(cls, name);
    if (field === null) return null;
    fields.set(name, field);
  }
  return { declared: new Set(Object.keys(grouped)), properties, fields };
}

function fieldCopyOf(cls: AnyClass, key: string): FieldCopy | null {
  const type = transformerMetadata.findTypeMetadata(cls, key);
  if (type?.options?.discriminator) return null;
  // A declared Set or Map (or a list class of its own) gets copied into one by class-transformer.
  if (type && type.reflectedType !== undefined && type.reflectedType !== Array && !isPlainListTarget(type.reflectedType)) return null;
  const transforms = transformerMetadata.findTransformMetadatas(cls, key, TransformationType.PLAIN_TO_CLASS).filter((t) => !t.options?.groups?.length);
  return { type, transforms, skip: isSkippedKey(cls, key) };
}

/** class-transformer's instantiateArrayType gives a plain [] for this type (it has no push and is no Set). */
function isPlainListTarget(reflectedType: unknown): boolean {
  if (typeof reflectedType !== 'function' || CONVERTED_TYPES.includes(reflectedType)) return false;
  try {
    const probe: unknown = new (reflectedType as new () => unknown)();
    return typeof probe === 'object' && probe !== null && !(probe instanceof Set) && !('push' in probe);
  } catch {
    return false;
  }
}

function isSkippedKey(cls: AnyClass, key: string): boolean {
  const descriptor = Object.getOwnPropertyDescriptor(cls.prototype, key);
  const probe = new (cls as new () => Dict)();
  return (descriptor !== undefined && !descriptor.set) || probe[key] instanceof Function;
}

/** A plain object's keys that class-transformer leaves out: Object.prototype's methods. */
const isSkippedPlainKey = (key: string): boolean => {
  const descriptor = Object.getOwnPropertyDescriptor(Object.prototype, key);
  return (descriptor !== undefined && !descriptor.set) || ({} as Dict)[key] instanceof Function;
};

const PLAIN_FIELD: FieldCopy = { type: undefined, transforms: [], skip: false };

// ---- building the instance (plainToInstance) -----------------------------------------------------

/** What Nest's pipe strips from every object before class-transformer sees it (prototype pollution keys). */
function stripProtoKeys(object: Dict): void {
  if (Object.hasOwn(object, '__proto__')) delete object['__proto__'];
  if (Object.hasOwn(object, 'prototype')) delete object['prototype'];
  if (Object.hasOwn(object, 'constructor')) delete object['constructor'];
}

function buildValue(value: unknown, type: unknown, arrayType: unknown): unknown {
  if (Array.isArray(value)) {
    if (arrayType !== undefined && arrayType !== Array && !isPlainListTarget(arrayType)) throw new NotCompiled('a list copied into a class of its own');
    const items: unknown[] = [];
    value.forEach((item: unknown) => items.push(buildValue(item, type, undefined)));
    return items;
  }
  if (CONVERTED_TYPES.includes(type)) throw new NotCompiled('a @Type() of a built-in type');
  if (typeof value !== 'object' || value === null) return value;
  if (!isPlainData(value)) throw new NotCompiled('a value that is not JSON');
  const source = value as Dict;
  stripProtoKeys(source);
  // Untyped, class-transformer takes the object's own constructor: Object (a plain copy) or, for an object without a prototype, none.
  const target = type === undefined ? (source.constructor === Object ? undefined : source.constructor) : type;
  if (target !== undefined && typeof target !== 'function') throw new NotCompiled('an unexpected @Type()');
  return buildObject(target as AnyClass | undefined, source);
}

/** A plain object (or one without a prototype), as JSON and query strings give: no Date, Buffer, Map or promise, which class-transformer copies its own way. */
const isPlainData = (value: object): boolean => {
  const proto: unknown = Object.getPrototypeOf(value);
  return (proto === Object.prototype || proto === null) && typeof (value as Dict)['then'] !== 'function';
};

/** The instance of `cls` (or a plain copy) built from `source` as plainToInstance builds it. */
export function buildObject(cls: AnyClass | undefined, source: Dict): Dict {
  if (!isPlainData(source)) throw new NotCompiled('a value that is not JSON');
  stripProtoKeys(source);
  const plan = cls === undefined ? undefined : planOf(cls);
  if (plan === null) throw new NotCompiled(`class ${cls?.name}`);
  const built: Dict = cls === undefined ? {} : new (cls as new () => Dict)();
  for (const key of Object.keys(source)) {
    if (key === '__proto__' || key === 'constructor') continue;
    const field = cls === undefined ? (isSkippedPlainKey(key) ? null : PLAIN_FIELD) : (plan?.fields.get(key) ?? fieldCopyOf(cls, key));
    if (field === null) {
      if (cls === undefined) continue;
      throw new NotCompiled(`property ${key}`);
    }
    if (field.skip) continue;
    const sub = source[key];
    const typeMeta = field.type;
    const type: unknown = typeMeta ? (typeMeta.typeFunction ? typeMeta.typeFunction({ newObject: built, object: source, property: key }) : typeMeta.reflectedType) : undefined;
    let value = buildValue(sub, type, Array.isArray(sub) && typeMeta ? typeMeta.reflectedType : undefined);
    for (const transform of field.transforms) value = transform.transformFn({ value, key, obj: source, type: TransformationType.PLAIN_TO_CLASS, options: TRANSFORM_OPTIONS });
    built[key] = value;
  }
  return built;
}

// ---- validating it (validate with whitelist and forbidNonWhitelisted) ----------------------------

/** Appends to `into` class-validator's errors for `object`, by the plan of its class; empty errors are left out. */
export function validateObject(object: Dict, into: ErrorNode[]): void {
  const cls = object.constructor;
  const plan = typeof cls === 'function' ? planOf(cls) : null;
  if (!plan) throw new NotCompiled(`validating a ${typeof cls === 'function' ? cls.name : 'prototype-less object'}`);
  for (const key of Object.keys(object)) {
    if (!plan.declared.has(key)) into.push({ property: key, constraints: { [ValidationTypes.WHITELIST]: `property ${key} should not exist` } });
  }
  for (const property of plan.properties) {
    const value = object[property.name];
    let canValidate = true;
    for (const condition of property.conditions) {
      if (!(condition.constraints[0] as (object: object, value: unknown) => boolean)(object, value)) canValidate = false;
    }
    if (!canValidate) continue;
    const node: ErrorNode = { property: property.name };
    for (const rule of property.customs) checkCustom(object, value, rule, node);
    if (property.nested !== undefined && value !== undefined) validateNested(value, property.nested, node);
    if (node.constraints !== undefined || node.children !== undefined) into.push(node);
  }
}

function argumentsOf(object: object, value: unknown, metadata: ValidationMetadata): ValidationArguments {
  return { targetName: object.constructor ? object.constructor.name : (undefined as unknown as string), property: metadata.propertyName, object, value, constraints: metadata.constraints };
}

function checkCustom(object: Dict, value: unknown, rule: CustomRule, node: ErrorNode): void {
  const { metadata } = rule;
  if (metadata.validateIf && !metadata.validateIf(object, value)) return;
  for (const constraint of rule.constraints) {
    let valid: unknown;
    if (!metadata.each || !(Array.isArray(value) || value instanceof Set || value instanceof Map)) {
      valid = constraint.instance.validate(value, argumentsOf(object, value, metadata));
    } else {
      if (!Array.isArray(value)) throw new NotCompiled('each over a Set or Map');
      const args = argumentsOf(object, value, metadata);
      const results = value.map((item: unknown) => constraint.instance.validate(item, args));
      if (results.some(isPromise)) throw new NotCompiled('an async constraint');
      valid = results.every(Boolean);
    }
    if (isPromise(valid)) throw new NotCompiled('an async constraint');
    if (!valid) addConstraint(node, ...errorOf(object, value, metadata, constraint));
  }
}

function validateNested(value: unknown, metadata: ValidationMetadata, node: ErrorNode): void {
  if (Array.isArray(value)) {
    value.forEach((item: unknown, index: number) => {
      const child: ErrorNode = { property: String(index) };
      if (item !== undefined) validateNested(item, metadata, child);
      if (child.constraints !== undefined || child.children !== undefined) (node.children ??= []).push(child);
    });
  } else if (value instanceof Set || value instanceof Map) {
    throw new NotCompiled('a nested Set or Map');
  } else if (value instanceof Object) {
    const children: ErrorNode[] = [];
    validateObject(value as Dict, children);
    if (children.length > 0) (node.children ??= []).push(...children);
  } else {
    addConstraint(node, ...errorOf(metadata.target as object, value, metadata, undefined));
  }
}

function addConstraint(node: ErrorNode, type: string, message: string): void {
  (node.constraints ??= {})[type] = message;
}

const isPromise = (value: unknown): boolean => value !== null && typeof value === 'object' && typeof (value as { then?: unknown }).then === 'function';

/** class-validator's createValidationError: the constraint's name and its message with the $tokens filled in. */
function errorOf(object: object, value: unknown, metadata: ValidationMetadata, constraint: Constraint | undefined): [string, string] {
  const args = argumentsOf(object, value, metadata);
  const type = constraint?.name ? constraint.name : metadata.type;
  let message: string | ((args: ValidationArguments) => string) = metadata.message || '';
  if (!metadata.message && constraint && constraint.instance.defaultMessage instanceof Function) message = constraint.instance.defaultMessage(args);
  return [type, withTokens(message, args)];
}

/** class-validator's ValidationUtils.replaceMessageSpecialTokens, step for step (it is not exported). */
function withTokens(message: string | ((args: ValidationArguments) => string), args: ValidationArguments): string {
  let text: string | undefined = message instanceof Function ? message(args) : typeof message === 'string' ? message : undefined;
  if (text && Array.isArray(args.constraints)) {
    args.constraints.forEach((constraint: unknown, index: number) => {
      text = (text as string).replace(new RegExp(`\\$constraint${index + 1}`, 'g'), constraintToString(constraint));
    });
  }
  if (text && args.value !== undefined && args.value !== null && ['string', 'boolean', 'number'].includes(typeof args.value)) text = text.replace(/\$value/g, String(args.value));
  if (text) text = text.replace(/\$property/g, args.property);
  if (text) text = text.replace(/\$target/g, String(args.targetName));
  return text as string;
}

function constraintToString(constraint: unknown): string {
  if (Array.isArray(constraint)) return constraint.join(', ');
  if (typeof constraint === 'symbol') return `${constraint.description}`;
  return `${constraint as string}`;
}

/**
 * The DTO instance for `input` (an object) and class-validator's errors for it, as the pipe's
 * plainToInstance then validate would give them. Throws NotCompiled when it cannot.
 */
export function buildAndValidate(cls: AnyClass, input: Dict): { readonly instance: Dict; readonly errors: readonly ErrorNode[] } {
  const instance = buildObject(cls, input);
  const errors: ErrorNode[] = [];
  validateObject(instance, errors);
  return { instance, errors };
}
