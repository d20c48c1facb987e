import { createParamDecorator } from '@nestjs/common';

/**
 * Every resume and job row belongs to an organisation. Until API keys land, every request acts for
 * the default organisation; services already take the id so scoping cannot be forgotten later.
 */
export const DEFAULT_ORGANIZATION_ID = '00000000-0000-4000-8000-000000000001';

export const CurrentOrganization = createParamDecorator((): string => DEFAULT_ORGANIZATION_ID);
