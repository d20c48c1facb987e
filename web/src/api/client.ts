import createClient from 'openapi-fetch';
import { ApiError } from '../lib/api-error.js';
import type { components, paths } from './schema.js';

// The API's shapes, generated from the committed openapi.json (npm run openapi).
type Schemas = components['schemas'];
export type ResumeView = Schemas['ResumeView'];
export type JobView = Schemas['JobView'];
export type JobPreview = Schemas['JobPreviewView'];
export type CreateJobRequest = Schemas['CreateJobRequest'];
export type UpdateJobRequest = Schemas['UpdateJobRequest'];
export type RankedMatch = Schemas['RankedMatchView'];
export type Explanation = Schemas['MatchExplanationView'];
export type SearchResponse = Schemas['SimilaritySearchResponse'];
export type SearchMode = NonNullable<Schemas['SimilaritySearchRequest']['mode']>;
export type ErasureReceipt = Schemas['ErasureReceiptView'];

/**
 * A typed client of the API (openapi-fetch over the generated `paths`) that sends the key on every
 * call. `onUnauthenticated` runs when the API answers 401 (the key was revoked meanwhile).
 */
export function createApi(apiKey: string, onUnauthenticated: () => void) {
  const client = createClient<paths>({ baseUrl: '' });
  client.use({
    onRequest: ({ request }) => {
      request.headers.set('Authorization', `Bearer ${apiKey}`);
      return request;
    },
    onResponse: ({ response }) => {
      if (response.status === 401) onUnauthenticated();
      return response;
    },
  });
  return client;
}

export type Api = ReturnType<typeof createApi>;

/** openapi-fetch's answer -> its data, or a thrown ApiError (status 0 when the server was not reached). */
export async function unwrap<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  let result: { data?: T; error?: unknown; response: Response };
  try {
    result = await call;
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0);
  }
  if (!result.response.ok) throw ApiError.fromBody(result.response.status, result.error);
  return result.data as T;
}
