import { useEffect, useState } from 'preact/hooks';
import { unwrap, type Api, type CreateJobRequest, type JobPreview, type JobView, type UpdateJobRequest } from '../api/client.js';
import { ErrorNote } from '../components/error-note.js';
import { SkillList } from '../components/skill-list.js';
import { describeError, type DescribedError } from '../lib/error-messages.js';
import { commaList } from '../lib/format.js';
import { useSession } from '../session.js';

type EducationLevel = NonNullable<CreateJobRequest['educationLevel']>;
const EDUCATION_LEVELS: EducationLevel[] = ['secondary', 'associate', 'bachelor', 'master', 'doctorate'];

interface Draft {
  title: string;
  description: string;
  requirements: string;
  location: string;
  minYears: string;
  skills: string;
  preferredSkills: string;
  educationLevel: '' | EducationLevel;
  remote: 'auto' | 'yes' | 'no';
}

const EMPTY: Draft = {
  title: '',
  description: '',
  requirements: '',
  location: '',
  minYears: '',
  skills: '',
  preferredSkills: '',
  educationLevel: '',
  remote: 'auto',
};

function fromJob(job: JobView): Draft {
  return {
    title: job.title,
    description: job.description,
    requirements: job.requirements,
    location: job.location ?? '',
    minYears: job.minYearsExperience === null ? '' : String(job.minYearsExperience),
    skills: '',
    preferredSkills: '',
    educationLevel: '',
    remote: 'auto',
  };
}

/** The request body of a draft; blank fields are left for the server to find in the text. */
function toRequest(draft: Draft): CreateJobRequest {
  const minYears = draft.minYears.trim() === '' ? undefined : Number(draft.minYears);
  return {
    title: draft.title.trim(),
    description: draft.description.trim(),
    requirements: draft.requirements.trim(),
    ...(draft.location.trim() && { location: draft.location.trim() }),
    ...(minYears !== undefined && Number.isFinite(minYears) && { minYearsExperience: minYears }),
    ...(commaList(draft.skills).length && { skills: commaList(draft.skills) }),
    ...(commaList(draft.preferredSkills).length && { preferredSkills: commaList(draft.preferredSkills) }),
    ...(draft.educationLevel && { educationLevel: draft.educationLevel }),
    ...(draft.remote !== 'auto' && { remote: draft.remote === 'yes' }),
  };
}

const previewable = (draft: Draft) => draft.title.trim().length >= 2 && draft.description.trim().length >= 10;

/**
 * What an edit changes, for PATCH: only the fields that differ from the job as loaded, so that the
 * years, skills, education and remote the server read from the text stay read from the text (sent
 * back, they would become given). A cleared location is sent empty, which clears it.
 */
function changesOf(original: Draft, draft: Draft): UpdateJobRequest {
  const before = toRequest(original);
  const after = toRequest(draft);
  const changed = Object.fromEntries(
    Object.entries(after).filter(([key, value]) => JSON.stringify(value) !== JSON.stringify(before[key as keyof CreateJobRequest])),
  ) as UpdateJobRequest;
  if (original.location.trim() && !draft.location.trim()) changed.location = '';
  return changed;
}

/** A new job is POSTed; an edit PATCHes the job itself (the server embeds it again only when its text changed). */
function saveJob(api: Api, draft: Draft, editing?: { id: string; original: Draft }): Promise<JobView> {
  if (!editing) return unwrap(api.POST('/api/v1/jobs', { body: toRequest(draft) }));
  return unwrap(api.PATCH('/api/v1/jobs/{id}', { params: { path: { id: editing.id } }, body: changesOf(editing.original, draft) }));
}

/**
 * A new job, or an existing one to edit in place. While typing, POST /jobs/preview shows the skills
 * the job will be matched on, before saving.
 */
export function JobEditorPage({ id }: { id?: string }) {
  const { api, announce } = useSession();
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [original, setOriginal] = useState<Draft>();
  const [preview, setPreview] = useState<JobPreview>();
  const [previewError, setPreviewError] = useState<DescribedError>();
  const [error, setError] = useState<DescribedError>();
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (!id) return;
    unwrap(api.GET('/api/v1/jobs/{id}', { params: { path: { id } } })).then(
      (job) => {
        setDraft(fromJob(job));
        setOriginal(fromJob(job));
      },
      (failure: unknown) => setError(describeError(failure)),
    );
  }, [api, id]);

  // Preview a moment after typing stops: nothing is stored or embedded.
  useEffect(() => {
    if (!previewable(draft)) {
      setPreview(undefined);
      return;
    }
    let current = true;
    const timer = setTimeout(() => {
      unwrap(api.POST('/api/v1/jobs/preview', { body: toRequest(draft) })).then(
        (answer) => {
          if (!current) return;
          setPreview(answer);
          setPreviewError(undefined);
        },
        (failure: unknown) => current && setPreviewError(describeError(failure)),
      );
    }, 400);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [api, draft]);

  const field =
    <K extends keyof Draft>(key: K) =>
    (event: { currentTarget: { value: string } }) =>
      setDraft((previous) => ({ ...previous, [key]: event.currentTarget.value as Draft[K] }));

  const save = async (event: Event) => {
    event.preventDefault();
    setSaving(true);
    setError(undefined);
    try {
      const job = await saveJob(api, draft, id && original ? { id, original } : undefined);
      announce(`Saved the job “${job.title}”. Ranking candidates…`);
      location.hash = `#/jobs/${job.id}`;
    } catch (failure) {
      setError(describeError(failure));
    } finally {
      setSaving(false);
    }
  };

  return (
    <main id="main">
      <p>
        <a href="#/jobs">← All jobs</a>
      </p>
      <h1>{id ? 'Edit job' : 'New job'}</h1>
      <div class="editor">
        <form onSubmit={(event) => void save(event)} class="stacked">
          <label for="job-title">Title</label>
          <input
            id="job-title"
            required
            minLength={2}
            maxLength={200}
            placeholder="e.g. Senior Backend Engineer"
            value={draft.title}
            onInput={field('title')}
          />
          <label for="job-description">Description</label>
          <textarea id="job-description" required minLength={10} rows={5} value={draft.description} onInput={field('description')} />
          <label for="job-requirements">Requirements</label>
          <textarea
            id="job-requirements"
            rows={4}
            value={draft.requirements}
            onInput={field('requirements')}
            aria-describedby="requirements-help"
          />
          <p id="requirements-help" class="muted small">
            Write “Required: …” and “Nice to have: …”: skills are sorted into required and preferred from these words.
          </p>
          <div class="row">
            <div>
              <label for="job-location">Location</label>
              <input id="job-location" value={draft.location} onInput={field('location')} />
            </div>
            <div>
              <label for="job-years">Minimum years</label>
              <input id="job-years" type="number" min={0} max={60} step={0.5} value={draft.minYears} onInput={field('minYears')} />
            </div>
          </div>
          <label for="job-skills">More required skills (comma-separated)</label>
          <input id="job-skills" value={draft.skills} onInput={field('skills')} />
          <label for="job-preferred">More preferred skills (comma-separated)</label>
          <input id="job-preferred" value={draft.preferredSkills} onInput={field('preferredSkills')} />
          <div class="row">
            <div>
              <label for="job-education">Education required</label>
              <select id="job-education" value={draft.educationLevel} onChange={field('educationLevel')}>
                <option value="">Found in the text</option>
                {EDUCATION_LEVELS.map((level) => (
                  <option key={level} value={level}>
                    {level}
                  </option>
                ))}
              </select>
            </div>
            <div>
              <label for="job-remote">Remote</label>
              <select id="job-remote" value={draft.remote} onChange={field('remote')}>
                <option value="auto">Found in the text</option>
                <option value="yes">Yes</option>
                <option value="no">No</option>
              </select>
            </div>
          </div>
          <button type="submit" class="primary" disabled={saving || (id !== undefined && !original)}>
            {saving ? 'Saving…' : 'Save and rank candidates'}
          </button>
          <ErrorNote error={error} />
        </form>
        <section class="card preview" aria-labelledby="preview-title" aria-live="polite">
          <h2 id="preview-title">What the job will be matched on</h2>
          {!previewable(draft) && <p class="muted">Give a title and a description to see the skills found in them.</p>}
          <ErrorNote error={previewError} />
          {preview && previewable(draft) && (
            <>
              <h3>Required skills</h3>
              <SkillList skills={preview.parsed.requiredSkills} kind="matched" empty="None found yet." />
              <h3>Preferred skills</h3>
              <SkillList skills={preview.parsed.preferredSkills} empty="None found." />
              <dl class="facts">
                <dt>Minimum experience</dt>
                <dd>{preview.minYearsExperience === null ? 'none stated' : `${preview.minYearsExperience} years`}</dd>
                <dt>Education</dt>
                <dd>{preview.parsed.educationLevel ?? 'none stated'}</dd>
                <dt>Remote</dt>
                <dd>{preview.parsed.remote ? 'yes' : 'no'}</dd>
              </dl>
            </>
          )}
        </section>
      </div>
    </main>
  );
}
