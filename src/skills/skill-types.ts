/**
 * What kind of skill an entry is, after ESCO's pillar: `knowledge` (a body of facts: SQL,
 * pharmacology), `skill` (an ability to apply it: "negotiate contracts"), `transversal` (used in any
 * occupation: teamwork, problem solving) and `language` (a natural language, with a CEFR level when
 * the text states one).
 */
export const SKILL_TYPES = ['knowledge', 'skill', 'transversal', 'language'] as const;
export type SkillType = (typeof SKILL_TYPES)[number];

/** Common European Framework of Reference levels, lowest first. */
export const CEFR_LEVELS = ['A1', 'A2', 'B1', 'B2', 'C1', 'C2'] as const;
export type CefrLevel = (typeof CEFR_LEVELS)[number];

/** A skill as the API shows it: canonical name, ESCO concept (null when ESCO has none) and type. */
export interface SkillRef {
  name: string;
  escoUri: string | null;
  type: SkillType;
  /** Languages only: the CEFR level the text states ("German C1", "fluent English" -> C1). */
  level?: CefrLevel;
}
