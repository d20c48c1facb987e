import 'reflect-metadata';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Type } from 'class-transformer';
import { IsNumber, IsOptional, IsString, ValidateNested } from 'class-validator';
import { findNulCharacter, isValidatedClass, scanJsonStructure, unknownProperties } from './request-shape.js';

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

const scan = (json: string, limits = { maxDepth: 3, maxKeys: 6 }) => scanJsonStructure(Buffer.from(json), limits);

describe('scanJsonStructure', () => {
  it('accepts a body within the limits', () => {
    assert.equal(scan('{"a": 1, "b": [1, 2], "c": {"d": "x"}}'), null);
    assert.equal(scan('{"a": [], "b": {}, "c": "[[[{{{,,,::"}'), null, 'brackets, commas and colons in strings do not count');
    assert.equal(scan('{"a": "quote \\" [[[[ \\\\", "b": [1]}'), null, 'escaped quotes keep the string open');
  });
  it('counts object keys and array items over the whole body, as JSON.parse would see them', () => {
    assert.equal(scan('{"a": [1, 2, 3, 4, 5]}'), null);
    assert.equal(scan('{"a": [1, 2, 3, 4, 5, 6]}'), 'too-many-keys');
    assert.equal(scan('[[1, 2], [3, 4], []]'), 'too-many-keys');
    assert.equal(scan('[[1, 2], [3], []]'), null);
    const manyKeys = `{${Array.from({ length: 100_000 }, (_, i) => `"k${i}":${i}`).join(',')}}`;
    assert.equal(scan(manyKeys, { maxDepth: 10, maxKeys: 2_000 }), 'too-many-keys');
  });
  it('rejects nesting deeper than the limit', () => {
    assert.equal(scan('{"a": {"b": {"c": 1}}}'), null);
    assert.equal(scan('{"a": {"b": {"c": {}}}}'), 'too-deep');
    assert.equal(scan('['.repeat(100_000), { maxDepth: 10, maxKeys: 1e9 }), 'too-deep');
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
