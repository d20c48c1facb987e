import type { ResumeView } from './resumes.dto.js';
import type { JsonExample } from '../common/openapi-example.js';

// Examples for the OpenAPI document (Swagger UI and openapi.json): what the API answers for one resume.

export const RESUME_EXAMPLE: JsonExample<ResumeView> = {
  id: '5b3f6f0e-8a51-4a7e-9d0c-2f1f0b8e4a11',
  fileName: 'jane-doe.pdf',
  mimeType: 'application/pdf',
  embeddingStatus: 'ready',
  embeddingModel: 'Xenova/all-MiniLM-L6-v2',
  embeddingError: null,
  skills: ['TypeScript', 'Node.js', 'PostgreSQL'],
  externalId: 'ATS-4711',
  source: 'greenhouse',
  tags: ['backend'],
  parsed: {
    name: 'Jane Doe',
    email: 'jane.doe@example.com',
    phone: '+4930123456',
    location: 'Berlin, Germany',
    links: { linkedin: 'https://www.linkedin.com/in/jane-doe', github: 'https://github.com/janedoe', web: [] },
    summary: 'Backend engineer building matching systems in TypeScript.',
    experience: [
      { title: 'Senior Backend Engineer', company: 'Acme GmbH', start: '2019-03', end: null, current: true },
      { title: 'Software Engineer', company: 'Example AG', start: '2016-01', end: '2019-02', current: false },
    ],
    totalYearsExperience: 8.8,
    education: [{ degree: 'M.Sc.', field: 'Computer Science', institution: 'TU Berlin', year: 2015, level: 'master' }],
    highestEducationLevel: 'master',
    skills: [
      { name: 'TypeScript', category: 'programming_language', foundIn: ['skills', 'experience'] },
      { name: 'Node.js', category: 'framework', foundIn: ['skills'] },
      { name: 'PostgreSQL', category: 'database', foundIn: ['experience'] },
    ],
    languages: ['English', 'German'],
    certifications: [],
    sections: { experience: 'Work Experience', education: 'Education', skills: 'Skills' },
  },
  createdAt: '2026-11-29T10:15:00.000Z',
  updatedAt: '2026-11-29T10:15:00.000Z',
};
