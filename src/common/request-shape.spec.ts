import 'reflect-metadata';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Type } from 'class-transformer';
import { IsNumber, IsOptional, IsString, ValidateNested } from 'class-validator';
import { findNulCharacter, inspectShape, isValidatedClass, unknownProperties } from './request-shape.js';

class Inner {
  @IsOptional() @IsNumber() a?: number;
}
class Outer {
  @IsString() name!: string;
  @IsOptional() @ValidateNested() @Type(() => Inner) inner?: Inner;
}
class Extended extends Outer {
  @IsOptional() @IsNumber() extra?: number;
}

describe('inspectShape', () => {
  const limits = { maxDepth: 3, maxKeys: 6 };
  it('accepts a body within the limits', () => {
    assert.equal(inspectShape({ a: 1, b: [1, 2], c: { d: 'x' } }, limits), null);
  });
  it('counts object keys and array items over the whole body', () => {
    assert.equal(inspectShape({ a: [1, 2, 3, 4, 5] }, limits), null);
    assert.equal(inspectShape({ a: [1, 2, 3, 4, 5, 6] }, limits), 'too-many-keys');
    assert.equal(inspectShape(Object.fromEntries(Array.from({ length: 100_000 }, (_, i) => [`k${i}`, i])), limits), 'too-many-keys');
  });
  it('rejects nesting deeper than the limit without recursing', () => {
    assert.equal(inspectShape({ a: { b: { c: 1 } } }, limits), null);
    assert.equal(inspectShape({ a: { b: { c: {} } } }, limits), 'too-deep');
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    assert.equal(inspectShape(deep, { maxDepth: 10, maxKeys: 1e9 }), 'too-deep');
  });
});

describe('findNulCharacter', () => {
  it('finds a NUL in a nested string or key, naming the path', () => {
    assert.equal(findNulCharacter({ a: 'ok', b: ['x', 'y\u0000'] }), 'b[1]');
    assert.equal(findNulCharacter({ filters: { location: 'Ber\u0000lin' } }), 'filters.location');
    assert.equal(findNulCharacter({ 'k\u0000': 1 }), '(key)');
    assert.equal(findNulCharacter({ a: 'no nul', n: 1, z: null }), null);
  });
});

describe('unknownProperties', () => {
  it('detects DTO classes', () => {
    assert.equal(isValidatedClass(Outer), true);
    assert.equal(isValidatedClass(String), false);
    assert.equal(isValidatedClass(undefined), false);
  });
  it('reports where unknown keys are and what is allowed there, without the unknown key', () => {
    assert.equal(unknownProperties({ name: 'x', inner: { a: 1 } }, Outer), null);
    assert.deepEqual(unknownProperties({ name: 'x', secret: 1 }, Outer), { path: '', allowed: ['name', 'inner'] });
    assert.deepEqual(unknownProperties({ name: 'x', inner: { b: 1 } }, Outer), { path: 'inner', allowed: ['a'] });
  });
  it('knows inherited properties', () => {
    assert.equal(unknownProperties({ name: 'x', extra: 1 }, Extended), null);
    assert.equal(unknownProperties({ name: 'x', extra: 1 }, Outer)?.path, '');
  });
});
