import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { Recommendation } from './explanation/rules-explanation.js';
import { EDUCATION_LEVELS, type EducationLevel } from '../common/education-levels.js';
import type { FactorStatus } from './scoring/match-scorer.js';
import { CEFR_LEVELS, type CefrLevel } from '../skills/skill-types.js';

// Response shapes of calculate / batch / explain, for Swagger UI. The controller returns these types,
// so the compiler checks that the scorer's output still fits them.

const FACTOR_STATUS = ['met', 'partial', 'unmet', 'unknown', 'not_applicable'];

export class MatchWeightsView {
  @ApiProperty({ example: 0.6 }) semantic!: number;
  @ApiProperty({ example: 0.3 }) skills!: number;
  @ApiProperty({ example: 0.1 }) other!: number;
}

export class SemanticPartView {
  @ApiProperty({ nullable: true, type: Number, description: 'Cosine of the stored vectors, clamped to 0..1; null without vectors' })
  score!: number | null;
  @ApiProperty({ type: [String] }) evidence!: string[];
}

export class SkillGroupView {
  @ApiProperty({ type: [String], description: "Job's spelling" }) matched!: string[];
  @ApiProperty({ type: [String] }) missing!: string[];
}

export class ImpliedSkillView {
  @ApiProperty({ example: 'Electronic Health Records' }) skill!: string;
  @ApiProperty({ example: 'Epic', description: 'The resume skill that implies it' }) via!: string;
}

export class LanguageMatchView {
  @ApiProperty({ example: 'German' }) language!: string;
  @ApiProperty({ example: true }) required!: boolean;
  @ApiProperty({ type: 'string', enum: [...CEFR_LEVELS, null], nullable: true, example: 'C1' }) requiredLevel!: CefrLevel | null;
  @ApiProperty({ type: 'string', enum: [...CEFR_LEVELS, null], nullable: true, example: 'B2' }) candidateLevel!: CefrLevel | null;
  @ApiProperty({
    enum: ['met', 'unverified', 'below', 'missing'],
    example: 'below',
    description: 'met: the resume states the level or more (or none is asked); unverified: no level stated; below; missing',
  })
  status!: 'met' | 'unverified' | 'below' | 'missing';
}

export class SkillsPartView {
  @ApiProperty({
    description:
      'Weighted share of the job skills the resume has: required x2, preferred x1; by type language x2, transversal x0.5, others x1; a language below the asked CEFR level earns part',
  })
  score!: number;
  @ApiProperty({ type: SkillGroupView }) required!: SkillGroupView;
  @ApiProperty({ type: SkillGroupView }) preferred!: SkillGroupView;
  @ApiProperty({ type: [String], description: 'Candidate skills the job does not list' }) extra!: string[];
  @ApiProperty({ type: [String], description: 'Matched skills only the resume summary mentions (half credit)' }) unbacked!: string[];
  @ApiProperty({ type: [ImpliedSkillView], description: 'Matched skills the resume implies rather than names' })
  implied!: ImpliedSkillView[];
  @ApiProperty({ type: [LanguageMatchView], description: "The job's languages: level asked, level the resume states" })
  languages!: LanguageMatchView[];
  @ApiProperty({ type: [String] }) evidence!: string[];
}

export class ExperienceFactorView {
  @ApiProperty() score!: number;
  @ApiProperty({ enum: FACTOR_STATUS }) status!: FactorStatus;
  @ApiProperty({ nullable: true, type: Number }) candidateYears!: number | null;
  @ApiProperty({ nullable: true, type: Number }) requiredYears!: number | null;
  @ApiProperty({ type: [String] }) evidence!: string[];
}

export class EducationFactorView {
  @ApiProperty() score!: number;
  @ApiProperty({ enum: FACTOR_STATUS }) status!: FactorStatus;
  @ApiProperty({ type: 'string', enum: [...EDUCATION_LEVELS, null], nullable: true }) candidateLevel!: EducationLevel | null;
  @ApiProperty({ type: 'string', enum: [...EDUCATION_LEVELS, null], nullable: true }) requiredLevel!: EducationLevel | null;
  @ApiProperty({ type: [String] }) evidence!: string[];
}

export class LocationFactorView {
  @ApiProperty() score!: number;
  @ApiProperty({ enum: FACTOR_STATUS }) status!: FactorStatus;
  @ApiProperty({ nullable: true, type: String }) candidateLocation!: string | null;
  @ApiProperty({ nullable: true, type: String }) jobLocation!: string | null;
  @ApiProperty() remote!: boolean;
  @ApiProperty({ type: [String] }) evidence!: string[];
}

export class TitleFactorView {
  @ApiProperty() score!: number;
  @ApiProperty({ enum: FACTOR_STATUS }) status!: FactorStatus;
  @ApiProperty() jobTitle!: string;
  @ApiProperty({ nullable: true, type: String }) bestMatchingTitle!: string | null;
  @ApiProperty({ type: [String] }) evidence!: string[];
}

export class OtherFactorWeightsView {
  @ApiProperty() experience!: number;
  @ApiProperty() education!: number;
  @ApiProperty() location!: number;
  @ApiProperty() title!: number;
}

export class OtherFactorsPartView {
  @ApiProperty() score!: number;
  @ApiProperty({ type: ExperienceFactorView }) experience!: ExperienceFactorView;
  @ApiProperty({ type: EducationFactorView }) education!: EducationFactorView;
  @ApiProperty({ type: LocationFactorView }) location!: LocationFactorView;
  @ApiProperty({ type: TitleFactorView }) title!: TitleFactorView;
  @ApiProperty({ type: OtherFactorWeightsView }) weights!: OtherFactorWeightsView;
  @ApiProperty({ type: [String] }) evidence!: string[];
}

export class MatchPartsView {
  @ApiProperty({ type: SemanticPartView }) semantic!: SemanticPartView;
  @ApiProperty({ type: SkillsPartView }) skills!: SkillsPartView;
  @ApiProperty({ type: OtherFactorsPartView }) other!: OtherFactorsPartView;
}

export class MatchBreakdownView {
  @ApiProperty({ description: 'weights.semantic x semantic + weights.skills x skills + weights.other x other' }) overallScore!: number;
  @ApiProperty({ nullable: true, type: Number }) semanticSimilarity!: number | null;
  @ApiProperty() skillMatch!: number;
  @ApiProperty() otherFactors!: number;
  @ApiProperty({ type: MatchWeightsView, description: 'Weights applied (semantic 0 when a vector was missing)' })
  weights!: MatchWeightsView;
  @ApiProperty({ type: [String] }) matchedSkills!: string[];
  @ApiProperty({ type: [String] }) missingSkills!: string[];
  @ApiProperty({ type: [String] }) extraSkills!: string[];
  @ApiProperty({ type: MatchPartsView }) parts!: MatchPartsView;
}

export class MatchExplanationView {
  @ApiProperty({
    enum: ['llm', 'rules'],
    example: 'rules',
    description:
      'Who wrote this explanation (an output, not an option): `llm` when OPENAI_API_KEY is configured and the model answered, `rules` otherwise',
  })
  source!: 'llm' | 'rules';
  @ApiPropertyOptional({
    type: String,
    description: 'Why the rules answered: no OPENAI_API_KEY configured, or the LLM failed',
    example: 'no OPENAI_API_KEY configured',
  })
  fallbackReason?: string;
  @ApiProperty() summary!: string;
  @ApiProperty({ type: [String] }) strengths!: string[];
  @ApiProperty({ type: [String] }) gaps!: string[];
  @ApiProperty({ enum: ['strong_match', 'good_match', 'partial_match', 'weak_match'] }) recommendation!: Recommendation;
}

export class MatchResultView extends MatchBreakdownView {
  @ApiProperty({ format: 'uuid' }) jobId!: string;
  @ApiProperty({ format: 'uuid' }) resumeId!: string;
  @ApiPropertyOptional({ type: MatchExplanationView }) explanation?: MatchExplanationView;
  @ApiProperty({ type: [String] }) warnings!: string[];
}

export class BatchMatchView extends MatchBreakdownView {
  @ApiProperty({ format: 'uuid' }) resumeId!: string;
}

export class BatchMatchResponse {
  @ApiProperty({ format: 'uuid' }) jobId!: string;
  @ApiProperty({ type: MatchWeightsView }) weights!: MatchWeightsView;
  @ApiProperty({ type: [BatchMatchView], description: 'Best first' }) results!: BatchMatchView[];
  @ApiProperty({ type: [String], description: 'Requested ids that do not exist in this organisation' }) notFound!: string[];
}
