import type { OpenAPIObject } from '@nestjs/swagger';
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { createOpenApiDocument } from '../../scripts/openapi-document.js';
import { ErrorCode } from '../../src/common/error-codes.js';

type Schema = Record<string, unknown>;
type Operation = {
  operationId?: string;
  parameters?: Array<{ example?: unknown; examples?: unknown; schema?: Schema }>;
  requestBody?: unknown;
  responses: Record<string, { content?: Record<string, { schema?: Schema; example?: unknown; examples?: unknown }> }>;
};

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

function operations(document: OpenAPIObject): Array<[string, Operation]> {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    METHODS.filter((method) => (item as Record<string, unknown>)[method]).map((method): [string, Operation] => [
      `${method.toUpperCase()} ${path}`,
      (item as Record<string, Operation>)[method],
    ]),
  );
}

/** Every schema under `node` that is a property, array item or additionalProperties value, with its path. */
function propertySchemas(node: unknown, path: string, out: Array<[string, Schema]> = []): Array<[string, Schema]> {
  if (!node || typeof node !== 'object') return out;
  const schema = node as Schema;
  for (const [name, child] of Object.entries((schema.properties as Record<string, Schema>) ?? {})) {
    out.push([`${path}.${name}`, child]);
    propertySchemas(child, `${path}.${name}`, out);
  }
  if (schema.items && typeof schema.items === 'object') {
    out.push([`${path}[]`, schema.items as Schema]);
    propertySchemas(schema.items, `${path}[]`, out);
  }
  if (schema.additionalProperties && typeof schema.additionalProperties === 'object') {
    propertySchemas(schema.additionalProperties, `${path}{}`, out);
  }
  for (const key of ['allOf', 'oneOf', 'anyOf']) for (const part of (schema[key] as unknown[]) ?? []) propertySchemas(part, path, out);
  return out;
}

/** A client generator can type it: a $ref, a composition, a scalar or array, or an object that says what it holds. */
function isTyped(schema: Schema): boolean {
  if (schema.$ref || schema.allOf || schema.oneOf || schema.anyOf || schema.enum) return true;
  if (schema.type === 'object') return Boolean(schema.properties) || typeof schema.additionalProperties === 'object';
  return typeof schema.type === 'string';
}

/** Terminus documents the health probes with an example on each part of the report (status, details). */
function hasPropertyExamples(schema?: Schema): boolean {
  return Boolean(schema?.example) || Object.values((schema?.properties as Record<string, Schema>) ?? {}).some((p) => p.example);
}

describe('the OpenAPI document', () => {
  let document: OpenAPIObject;

  before(async () => {
    document = await createOpenApiDocument();
  });

  it('types every field of every request and response', () => {
    const loose: string[] = [];
    for (const [name, schema] of Object.entries(document.components?.schemas ?? {})) {
      for (const [path, property] of propertySchemas(schema, name)) if (!isTyped(property)) loose.push(path);
    }
    for (const [operation, op] of operations(document)) {
      for (const [status, response] of Object.entries(op.responses))
        for (const media of Object.values(response.content ?? {}))
          for (const [path, property] of propertySchemas(media.schema, `${operation} ${status}`))
            if (!isTyped(property) && !path.startsWith('GET /health')) loose.push(path);
    }
    assert.deepEqual(loose, [], 'fields without a usable type');
  });

  it('gives every operation a unique, stable camelCase operationId and an example', () => {
    const ids = operations(document).map(([, op]) => op.operationId);
    for (const id of ids) assert.match(id ?? '', /^[a-z][A-Za-z]+$/);
    assert.equal(new Set(ids).size, ids.length, 'operation ids are unique');
    for (const [operation, op] of operations(document)) {
      const examples = [
        ...Object.values(op.responses).flatMap((response) => Object.values(response.content ?? {})),
        ...(op.parameters ?? []),
      ].filter((holder) => holder.example !== undefined || holder.examples !== undefined || hasPropertyExamples(holder.schema));
      assert.ok(examples.length > 0, `${operation} has an example`);
    }
  });

  it('documents the one error shape with every error code', () => {
    const error = document.components!.schemas!.ApiErrorView as Schema;
    assert.deepEqual((error.required as string[]).sort(), ['code', 'message', 'statusCode']);
    const code = (error.properties as Record<string, Schema>).code;
    const ref = (code.$ref ?? (code.allOf as Schema[])[0].$ref) as string;
    const codes = (document.components!.schemas![ref.split('/').pop()!] as Schema).enum;
    assert.deepEqual(codes, Object.values(ErrorCode));
  });

  it('documents a 400 on every operation that takes input, and every 4xx as the one error shape', () => {
    for (const [operation, op] of operations(document)) {
      if (op.parameters?.length || op.requestBody) assert.ok(op.responses['400'], `${operation} documents its 400`);
      for (const [status, response] of Object.entries(op.responses)) {
        if (!status.startsWith('4')) continue;
        const media = response.content?.['application/json'];
        assert.equal(media?.schema?.$ref, '#/components/schemas/ApiErrorView', `${operation} ${status}`);
        assert.ok(media?.examples, `${operation} ${status} has an example per code`);
      }
    }
    const search = operations(document).find(([name]) => name === 'POST /api/v1/matching/similarity-search')![1];
    assert.ok(search.responses['503'], 'semantic search documents EMBEDDING_UNAVAILABLE');
    const upload = operations(document).find(([name]) => name === 'POST /api/v1/resumes')![1];
    for (const status of ['400', '413', '415', '422']) assert.ok(upload.responses[status], `upload documents ${status}`);
  });
});
