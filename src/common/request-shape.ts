import { getMetadataStorage } from 'class-validator';

export interface ShapeLimits {
  /** Deepest nesting of objects/arrays (the body itself is depth 1). */
  maxDepth: number;
  /** Object keys plus array items over the whole value. */
  maxKeys: number;
}

export type ShapeProblem = 'too-deep' | 'too-many-keys';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;
const COMMA = 0x2c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const isSpace = (c: number): boolean => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

/**
 * Counts the structure of a raw UTF-8 JSON body BEFORE it is parsed, in one pass over the bytes:
 * nesting depth, and object keys plus array items. Parsing 100k keys costs the event loop about
 * half a second and walking the parsed object as much again; this scan refuses such a body in a
 * few milliseconds. Malformed JSON is left to the parser, which rejects it.
 */
export function scanJsonStructure(bytes: Uint8Array, limits: ShapeLimits): ShapeProblem | null {
  // Which container each open level is (true: array), to tell an array's commas from an object's.
  const isArray = new Uint8Array(limits.maxDepth + 1);
  let depth = 0;
  let count = 0;
  let inString = false;
  let escaped = false;
  let arrayOpened = false;
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes[i];
    if (inString) {
      if (escaped) escaped = false;
      else if (c === BACKSLASH) escaped = true;
      else if (c === QUOTE) inString = false;
      continue;
    }
    if (isSpace(c)) continue;
    // The first item of a non-empty array (the others follow a comma).
    if (arrayOpened && c !== CLOSE_ARRAY) count++;
    arrayOpened = false;
    if (c === QUOTE) inString = true;
    else if (c === COLON || (c === COMMA && isArray[depth] === 1)) count++;
    else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
      if (++depth > limits.maxDepth) return 'too-deep';
      arrayOpened = c === OPEN_ARRAY;
      isArray[depth] = arrayOpened ? 1 : 0;
    } else if ((c === CLOSE_OBJECT || c === CLOSE_ARRAY) && depth > 0) depth--;
    if (count > limits.maxKeys) return 'too-many-keys';
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
  const metadata = getMetadataStorage().getTargetValidationMetadatas(dto, '', true, false);
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
