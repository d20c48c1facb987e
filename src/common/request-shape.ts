import { getMetadataStorage } from 'class-validator';

export interface ShapeLimits {
  /** Deepest nesting of objects/arrays (the body itself is depth 1). */
  maxDepth: number;
  /** Object keys plus array items over the whole value. */
  maxKeys: number;
}

export type ShapeProblem = 'too-deep' | 'too-many-keys';

/**
 * One iterative pass over a parsed JSON body (no recursion: a hostile depth cannot overflow the
 * stack) that rejects too deep or too large values before anything else walks them. Stops at the
 * first problem, so a hostile body costs at most `maxKeys` steps.
 */
export function inspectShape(value: unknown, limits: ShapeLimits): ShapeProblem | null {
  let keys = 0;
  const stack: Array<{ value: unknown; depth: number }> = [{ value, depth: 0 }];
  while (stack.length) {
    const item = stack.pop()!;
    if (typeof item.value !== 'object' || item.value === null) continue;
    const depth = item.depth + 1;
    if (depth > limits.maxDepth) return 'too-deep';
    const children = Array.isArray(item.value) ? item.value : Object.values(item.value);
    keys += children.length;
    if (keys > limits.maxKeys) return 'too-many-keys';
    for (const child of children) if (typeof child === 'object' && child !== null) stack.push({ value: child, depth });
  }
  return null;
}

/**
 * Path of the first string (or key) holding a NUL character, which PostgreSQL text cannot store;
 * null when there is none. Run after `unknownProperties`, so the path names only schema keys.
 */
export function findNulCharacter(value: unknown, path = ''): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path || '(value)' : null;
  if (typeof value !== 'object' || value === null) return null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findNulCharacter(value[i], `${path}[${i}]`);
      if (found) return found;
    }
    return null;
  }
  for (const [key, child] of Object.entries(value)) {
    if (key.includes('\u0000')) return path || '(key)';
    const found = findNulCharacter(child, path ? `${path}.${key}` : key);
    if (found) return found;
  }
  return null;
}

type Constructor = abstract new (...args: never[]) => unknown;

/**
 * The properties a DTO class declares (class-validator metadata, inherited ones included), and the
 * DTO class of each nested property (`@ValidateNested()` + its design type).
 */
function schemaOf(dto: Constructor): { known: Set<string>; nested: Map<string, Constructor> } {
  const metadata = getMetadataStorage().getTargetValidationMetadatas(dto as never, '', true, false);
  const known = new Set(metadata.map((m) => m.propertyName));
  const nested = new Map<string, Constructor>();
  for (const m of metadata) {
    if (m.type !== 'nestedValidation') continue;
    const type: unknown = Reflect.getMetadata('design:type', dto.prototype as object, m.propertyName);
    if (typeof type === 'function' && type !== Array && type !== Object) nested.set(m.propertyName, type as Constructor);
  }
  return { known, nested };
}

const schemas = new WeakMap<Constructor, ReturnType<typeof schemaOf>>();

/** True when `dto` declares validated properties (a DTO class rather than String, Number, ...). */
export function isValidatedClass(dto: unknown): dto is Constructor {
  if (typeof dto !== 'function') return false;
  return cachedSchema(dto as Constructor).known.size > 0;
}

function cachedSchema(dto: Constructor): ReturnType<typeof schemaOf> {
  let schema = schemas.get(dto);
  if (!schema) schemas.set(dto, (schema = schemaOf(dto)));
  return schema;
}

export interface UnknownProperties {
  /** Where the unknown keys are ('' = the top level), named by schema keys only. */
  path: string;
  /** The keys allowed there (the unknown ones are not echoed: they are request bytes). */
  allowed: string[];
}

/**
 * Where `value` (or one of its nested DTOs) holds keys that `dto` does not declare. Runs on the raw
 * parsed value BEFORE class-transformer touches it: class-transformer walks every key of the raw
 * object (de-duplicating keys in O(n^2)), so a body of many unknown keys froze the process for minutes.
 */
export function unknownProperties(value: unknown, dto: Constructor, path = ''): UnknownProperties | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const { known, nested } = cachedSchema(dto);
  for (const key of Object.keys(value)) {
    if (!known.has(key)) return { path, allowed: [...known] };
  }
  for (const [key, type] of nested) {
    const found = unknownProperties((value as Record<string, unknown>)[key], type, path ? `${path}.${key}` : key);
    if (found) return found;
  }
  return null;
}
