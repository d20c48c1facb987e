import type { JobView } from './jobs.dto.js';
import type { JsonExample } from '../common/openapi-example.js';

// Examples for the OpenAPI document (Swagger UI and openapi.json): what the API answers for one job.

export const JOB_EXAMPLE: JsonExample<JobView> = {
  id: '0d5c8f7a-3b1e-4c62-9a7f-6e2d1b4c9f30',
  title: 'Senior Backend Engineer',
  description: 'Build the matching APIs of our HR platform in TypeScript on PostgreSQL.',
  requirements: 'Required: Node.js, TypeScript, PostgreSQL, 5+ years. Nice to have: Kubernetes.',
  location: 'Berlin, Germany',
  minYearsExperience: 5,
  skills: ['Node.js', 'TypeScript', 'PostgreSQL', 'Kubernetes'],
  parsed: { requiredSkills: ['Node.js', 'TypeScript', 'PostgreSQL'], preferredSkills: ['Kubernetes'], educationLevel: null, remote: false },
  embeddingStatus: 'ready',
  embeddingModel: 'Xenova/all-MiniLM-L6-v2',
  embeddingError: null,
  externalId: 'REQ-1042',
  createdAt: '2026-11-29T10:20:00.000Z',
  updatedAt: '2026-11-29T10:20:00.000Z',
};
