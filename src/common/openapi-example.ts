/** The JSON form of a response class, for typed examples in the OpenAPI document: dates are ISO strings. */
export type JsonExample<T> = { [K in keyof T]: T[K] extends Date ? string : T[K] };
