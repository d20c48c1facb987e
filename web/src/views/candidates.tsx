import { useState } from 'preact/hooks';
import { unwrap, type Explanation, type JobView, type RankedMatch } from '../api/client.js';
import { ConfirmDialog } from '../components/confirm-dialog.js';
import { ErrorNote } from '../components/error-note.js';
import { Pager } from '../components/pager.js';
import { ScoreBar } from '../components/score-bar.js';
import { SkillList } from '../components/skill-list.js';
import { useLoad } from '../hooks.js';
import { describeError, type DescribedError } from '../lib/error-messages.js';
import { commaList, percent, years } from '../lib/format.js';
import { anonymousName } from '../lib/identity.js';
import { useSession } from '../session.js';

const PAGE = 10;

interface Filters {
  minScore?: number;
  skills?: string[];
  minYears?: number;
}

/** A job and its ranked candidates, with every part of each score and its evidence. */
export function JobCandidatesPage({ id }: { id: string }) {
  const { api, blind } = useSession();
  const job = useLoad(() => unwrap(api.GET('/api/v1/jobs/{id}', { params: { path: { id } } })), [id]);
  const [filters, setFilters] = useState<Filters>({});
  const [offset, setOffset] = useState(0);
  const ranking = useLoad(
    () =>
      unwrap(
        api.GET('/api/v1/jobs/{id}/candidates', {
          params: {
            path: { id },
            query: {
              limit: PAGE,
              offset,
              minScore: filters.minScore,
              skills: filters.skills,
              minYears: filters.minYears,
              blind: blind || undefined,
            },
          },
        }),
      ),
    [id, offset, filters, blind],
  );

  return (
    <main id="main">
      <p>
        <a href="#/jobs">← All jobs</a>
      </p>
      <ErrorNote error={job.error} />
      {job.data && <JobHeader job={job.data} />}
      <section aria-labelledby="ranking-title">
        <h2 id="ranking-title">Best candidates</h2>
        <FilterForm
          onApply={(next) => {
            setOffset(0);
            setFilters(next);
          }}
        />
        <ErrorNote error={ranking.error} />
        {ranking.data && (
          <>
            <p class="muted" aria-live="polite">
              {ranking.data.total === 0
                ? 'No candidate passes these filters.'
                : `${ranking.data.total} candidate${ranking.data.total === 1 ? '' : 's'}, best first.`}
              {ranking.data.skippedPending > 0 && ` ${ranking.data.skippedPending} resume(s) without a vector yet are not ranked.`}
            </p>
            <ol class="candidates" start={offset + 1}>
              {ranking.data.items.map((match, index) => (
                <CandidateCard key={match.id} jobId={id} match={match} rank={offset + index + 1} />
              ))}
            </ol>
            <Pager label="Candidate pages" offset={offset} limit={PAGE} total={ranking.data.total} onOffset={setOffset} />
          </>
        )}
      </section>
    </main>
  );
}

function JobHeader({ job }: { job: JobView }) {
  const { api, announce } = useSession();
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<DescribedError>();
  const remove = async () => {
    setConfirming(false);
    try {
      await unwrap(api.DELETE('/api/v1/jobs/{id}', { params: { path: { id: job.id } } }));
      announce(`Deleted the job “${job.title}”.`);
      location.hash = '#/jobs';
    } catch (failure) {
      setError(describeError(failure));
    }
  };
  return (
    <header class="card">
      <div class="title-row">
        <h1>{job.title}</h1>
        <div class="actions">
          <a class="button" href={`#/jobs/${job.id}/edit`}>
            Edit job
          </a>
          <button type="button" class="danger" onClick={() => setConfirming(true)}>
            Delete job
          </button>
        </div>
      </div>
      <p class="muted">
        {job.location ?? 'No location'}
        {job.parsed.remote && ' · remote'}
        {job.minYearsExperience !== null && ` · ${job.minYearsExperience}+ years`}
        {job.parsed.educationLevel && ` · ${job.parsed.educationLevel}`}
      </p>
      <div class="two-columns">
        <div>
          <h3>Required skills</h3>
          <SkillList skills={job.parsed.requiredSkills} empty="None" />
        </div>
        <div>
          <h3>Preferred skills</h3>
          <SkillList skills={job.parsed.preferredSkills} empty="None" />
        </div>
      </div>
      <ErrorNote error={error} />
      <ConfirmDialog
        open={confirming}
        title={`Delete “${job.title}”?`}
        confirmLabel="Delete"
        onConfirm={() => void remove()}
        onCancel={() => setConfirming(false)}
      >
        <p>The job is deleted. Resumes are not affected.</p>
      </ConfirmDialog>
    </header>
  );
}

function FilterForm({ onApply }: { onApply: (filters: Filters) => void }) {
  const [minScore, setMinScore] = useState('');
  const [skills, setSkills] = useState('');
  const [minYears, setMinYears] = useState('');
  return (
    <form
      class="inline-form filters"
      aria-label="Filter candidates"
      onSubmit={(event) => {
        event.preventDefault();
        onApply({
          minScore: minScore === '' ? undefined : Number(minScore) / 100,
          skills: commaList(skills).length ? commaList(skills) : undefined,
          minYears: minYears === '' ? undefined : Number(minYears),
        });
      }}
    >
      <label for="filter-score">Minimum score (%)</label>
      <input
        id="filter-score"
        type="number"
        min={0}
        max={100}
        step={1}
        value={minScore}
        onInput={(e) => setMinScore(e.currentTarget.value)}
      />
      <label for="filter-skills">Must have skills</label>
      <input
        id="filter-skills"
        placeholder="e.g. TypeScript, PostgreSQL"
        value={skills}
        onInput={(e) => setSkills(e.currentTarget.value)}
      />
      <label for="filter-years">Minimum years</label>
      <input
        id="filter-years"
        type="number"
        min={0}
        max={60}
        step={0.5}
        value={minYears}
        onInput={(e) => setMinYears(e.currentTarget.value)}
      />
      <button type="submit">Apply filters</button>
    </form>
  );
}

const STATUS_WORDS: Record<string, string> = {
  met: 'meets it',
  partial: 'partly',
  unmet: 'does not meet it',
  unknown: 'unknown',
  not_applicable: 'no requirement',
};

/** One ranked candidate: the overall score, a bar per part, the evidence, and the explanation on demand. */
function CandidateCard({ jobId, match, rank }: { jobId: string; match: RankedMatch; rank: number }) {
  const { blind } = useSession();
  const { skills, other } = match.parts;
  const name = blind || !match.label ? anonymousName(match.id) : match.label;
  return (
    <li class="card candidate">
      <div class="title-row">
        <h3>
          <span class="rank">#{rank}</span> <a href={`#/resumes/${match.id}`}>{name}</a>
        </h3>
        <span class="overall" aria-label={`Overall score ${percent(match.overallScore)}`}>
          {percent(match.overallScore)}
        </span>
      </div>
      <div class="bars">
        <ScoreBar label="Semantic" value={match.semanticSimilarity} weight={match.weights.semantic} />
        <ScoreBar label="Skills" value={match.skillMatch} weight={match.weights.skills} />
        <ScoreBar label="Other" value={match.otherFactors} weight={match.weights.other} />
      </div>
      <div class="evidence">
        <div>
          <h4>Matched skills</h4>
          <SkillList skills={[...skills.required.matched, ...skills.preferred.matched]} kind="matched" empty="None" />
          <h4>Missing required skills</h4>
          <SkillList skills={skills.required.missing} kind="missing" empty="None" />
          {skills.preferred.missing.length > 0 && (
            <>
              <h4>Missing preferred skills</h4>
              <SkillList skills={skills.preferred.missing} kind="missing" />
            </>
          )}
          {skills.implied.length > 0 && (
            <>
              <h4>Implied</h4>
              <ul class="plain small">
                {skills.implied.map((item) => (
                  <li key={item.skill}>
                    {item.skill} <span class="muted">via {item.via}</span>
                  </li>
                ))}
              </ul>
            </>
          )}
          {skills.unbacked.length > 0 && (
            <>
              <h4>Only in the summary (half credit)</h4>
              <SkillList skills={skills.unbacked} />
            </>
          )}
        </div>
        <dl class="facts">
          <dt>Experience</dt>
          <dd>
            {years(other.experience.candidateYears)}
            {other.experience.requiredYears !== null && ` of ${years(other.experience.requiredYears)} asked`} —{' '}
            {STATUS_WORDS[other.experience.status]}
          </dd>
          <dt>Education</dt>
          <dd>
            {other.education.candidateLevel ?? 'unknown'}
            {other.education.requiredLevel && ` (${other.education.requiredLevel} asked)`} — {STATUS_WORDS[other.education.status]}
          </dd>
          <dt>Location</dt>
          <dd>
            {other.location.candidateLocation ?? 'unknown'}
            {other.location.jobLocation && ` (job: ${other.location.jobLocation}${other.location.remote ? ', remote' : ''})`} —{' '}
            {STATUS_WORDS[other.location.status]}
          </dd>
          <dt>Title</dt>
          <dd>
            {other.title.bestMatchingTitle ?? 'no similar title'} — {STATUS_WORDS[other.title.status]}
          </dd>
        </dl>
      </div>
      <ExplainMatch
        jobId={jobId}
        resumeId={match.id}
        evidence={[...match.parts.semantic.evidence, ...skills.evidence, ...other.evidence]}
      />
    </li>
  );
}

function ExplainMatch({ jobId, resumeId, evidence }: { jobId: string; resumeId: string; evidence: string[] }) {
  const { api } = useSession();
  const [explanation, setExplanation] = useState<Explanation>();
  const [error, setError] = useState<DescribedError>();
  const [busy, setBusy] = useState(false);
  const explain = async () => {
    setBusy(true);
    try {
      setExplanation(await unwrap(api.POST('/api/v1/matching/explain', { body: { jobId, resumeId } })));
      setError(undefined);
    } catch (failure) {
      setError(describeError(failure));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div class="explain">
      <details>
        <summary>All evidence ({evidence.length})</summary>
        <ul class="small">
          {evidence.map((line, index) => (
            <li key={index}>{line}</li>
          ))}
        </ul>
      </details>
      {!explanation && (
        <button type="button" onClick={() => void explain()} disabled={busy}>
          {busy ? 'Explaining…' : 'Explain this match'}
        </button>
      )}
      <ErrorNote error={error} />
      {explanation && (
        <div class="explanation" aria-live="polite">
          <p>
            <strong>{explanation.recommendation.replace('_', ' ')}:</strong> {explanation.summary}
          </p>
          {explanation.strengths.length > 0 && (
            <p class="small">
              <strong>Strengths:</strong> {explanation.strengths.join('; ')}
            </p>
          )}
          {explanation.gaps.length > 0 && (
            <p class="small">
              <strong>Gaps:</strong> {explanation.gaps.join('; ')}
            </p>
          )}
          <p class="muted small">Written by {explanation.source === 'llm' ? 'the language model' : 'HireMatch’s rules'}.</p>
        </div>
      )}
    </div>
  );
}
