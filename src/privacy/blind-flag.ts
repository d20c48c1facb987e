import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';
import { booleanFlag } from '../common/query-transforms.js';

/** What `blind=true` hides, said once for every route that takes it (see blind-review.ts). */
export const BLIND_DESCRIPTION =
  'Blind review: `true` redacts who the candidate is: name, e-mail, phone, links and file name are null (links empty), ' +
  'the name is blanked in the summary, `text` (when asked for) loses the name, contact lines and personal sections, and ' +
  'ranking and search labels (the name) are null. Experience, education, skills and location are kept. No photo is stored.';

/** `blind` (query `?blind=true` or a JSON boolean): redact the candidate's identity from the response. */
export const BlindFlag = (): PropertyDecorator =>
  applyDecorators(
    ApiPropertyOptional({ type: Boolean, default: false, description: BLIND_DESCRIPTION }),
    IsOptional(),
    Transform(booleanFlag),
    IsBoolean(),
  );
