import { Inject, Injectable, Logger } from '@nestjs/common';
import OpenAI from 'openai';
import { APP_CONFIG, AppConfig } from '../../config/app-config.js';
import type { MatchBreakdown } from '../scoring/match-scorer.js';
import { CountingCircuitBreaker } from '../../common/counting-circuit-breaker.js';
import { explainByRules, RulesExplanation } from './rules-explanation.js';

export interface MatchExplanation extends RulesExplanation {
  source: 'llm' | 'rules';
  /** Why the rules were used instead of the LLM (no key, timeout, error, breaker open). */
  fallbackReason?: string;
}

/**
 * Recruiter-facing "why" for a match. With OPENAI_API_KEY it asks an OpenAI-compatible server
 * (OPENAI_BASE_URL) to phrase the evidence; otherwise, or when that call fails, the deterministic
 * rules explanation is returned. Only scores and evidence are sent: no name, contact or resume text.
 */
@Injectable()
export class ExplanationService {
  private readonly logger = new Logger(ExplanationService.name);
  private readonly client: OpenAI | null;
  private readonly breaker: CountingCircuitBreaker<[string, string], string> | null;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.client = config.openaiApiKey
      ? new OpenAI({
          apiKey: config.openaiApiKey,
          baseURL: config.openaiBaseUrl ?? undefined,
          timeout: config.openaiTimeoutMs,
          maxRetries: 0,
        })
      : null;
    // Its own breaker: a failing LLM must not add a timeout to every explain call.
    this.breaker = this.client
      ? new CountingCircuitBreaker((system: string, user: string) => this.complete(system, user), {
          failureThreshold: config.breakerFailureThreshold,
          failureWindowMs: config.breakerFailureWindowMs,
          resetTimeoutMs: config.breakerResetTimeoutMs,
          timeoutMs: config.openaiTimeoutMs + 1_000,
        })
      : null;
  }

  async explain(breakdown: MatchBreakdown, jobTitle: string): Promise<MatchExplanation> {
    const rules = explainByRules(breakdown, { jobTitle });
    if (!this.breaker) return { ...rules, source: 'rules', fallbackReason: 'no OPENAI_API_KEY configured' };
    try {
      const summary = await this.breaker.fire(SYSTEM_PROMPT, buildPrompt(breakdown, jobTitle, rules));
      return { ...rules, summary, source: 'llm' };
    } catch (error) {
      const reason = (error as { code?: string }).code === 'EOPENBREAKER' ? 'LLM circuit breaker open' : (error as Error).message;
      this.logger.warn(`LLM explanation failed, using rules: ${reason}`);
      return { ...rules, source: 'rules', fallbackReason: reason };
    }
  }

  private async complete(system: string, user: string): Promise<string> {
    const response = await this.client!.chat.completions.create({
      model: this.config.openaiModel,
      temperature: 0.2,
      max_tokens: 300,
      messages: [
        { role: 'system', content: system },
        { role: 'user', content: user },
      ],
    });
    const text = response.choices[0]?.message?.content?.trim();
    if (!text) throw new Error('the LLM returned an empty explanation');
    return text;
  }
}

const SYSTEM_PROMPT =
  'You explain candidate-job match scores to recruiters. Use only the facts given. ' +
  'Write 2-4 plain sentences: overall fit, the main strengths, the main gaps. No bullet points, no invented facts.';

function buildPrompt(breakdown: MatchBreakdown, jobTitle: string, rules: RulesExplanation): string {
  const facts = {
    jobTitle,
    overallScore: breakdown.overallScore,
    weights: breakdown.weights,
    semanticSimilarity: breakdown.semanticSimilarity,
    skillMatch: breakdown.skillMatch,
    otherFactors: breakdown.otherFactors,
    matchedSkills: breakdown.matchedSkills,
    missingSkills: breakdown.missingSkills,
    strengths: rules.strengths,
    gaps: rules.gaps,
    recommendation: rules.recommendation,
  };
  return `Explain this match:\n${JSON.stringify(facts, null, 2)}`;
}
