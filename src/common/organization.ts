/**
 * Every row belongs to an organisation. The default organisation exists from the first migration:
 * data stored before API keys belongs to it, its first admin key is created at first start, and
 * its admin keys manage the other organisations (it is the operator's).
 */
export const DEFAULT_ORGANIZATION_ID = '00000000-0000-4000-8000-000000000001';
