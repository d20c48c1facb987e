/** Examples of the admin routes' responses for the OpenAPI document. */
export const ORGANIZATION_EXAMPLE = {
  id: '7c0e2a9b-4d1f-4e8a-9b3c-5f6a7d8e9f01',
  name: 'Acme Recruiting',
  retentionDays: 365,
  rateLimitPerMinute: null,
  createdAt: '2026-11-29T10:15:00.000Z',
  updatedAt: '2026-11-29T10:15:00.000Z',
};

export const API_KEY_EXAMPLE = {
  id: '1f2e3d4c-5b6a-4789-8a7b-6c5d4e3f2a10',
  organizationId: ORGANIZATION_EXAMPLE.id,
  name: 'ATS integration',
  prefix: 'hm_live_Ab3x',
  scopes: ['resumes:read', 'resumes:write', 'jobs:read', 'jobs:write', 'matching'],
  createdAt: '2026-11-29T10:16:00.000Z',
  lastUsedAt: null,
  revokedAt: null,
};

export const CREATED_API_KEY_EXAMPLE = {
  ...API_KEY_EXAMPLE,
  key: 'hm_live_Ab3xQ9zR2tYk7mVw4pLs8nDf6hJc1gBe5uXo0iKa3Ty',
};

export const ORGANIZATION_DELETION_EXAMPLE = {
  organizationId: ORGANIZATION_EXAMPLE.id,
  resumes: 120,
  jobs: 14,
  apiKeys: 3,
  cacheEntries: 96,
  deletedAt: '2026-11-29T11:00:00.000Z',
};

export const AUDIT_PAGE_EXAMPLE = {
  items: [
    {
      id: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
      organizationId: ORGANIZATION_EXAMPLE.id,
      keyId: API_KEY_EXAMPLE.id,
      action: 'candidate.erase',
      resourceType: 'candidate',
      resourceId: null,
      ip: '203.0.113.7',
      details: { resumesErased: 2, byEmail: true, byPhone: false },
      occurredAt: '2026-11-29T10:30:00.000Z',
    },
  ],
  total: 1,
  limit: 50,
  offset: 0,
};
