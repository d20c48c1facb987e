import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Resume } from '../generated/prisma/client.js';
import { SkillExtractor } from '../skills/skill-extractor.js';
import { toCandidateProfile } from './match-profiles.mapper.js';

const skill = (name: string, ...foundIn: string[]) => ({ name, category: 'technology', foundIn });

function resumeRow(parsed: Record<string, unknown>): Resume {
  const skills = (parsed.skills as Array<{ name: string }>).map((s) => s.name);
  return { id: 'r1', skills, totalYearsExperience: 6, location: 'Austin, TX', parsed } as unknown as Resume;
}

describe('toCandidateProfile', () => {
  it('marks skills only the summary mentions as unbacked when the resume has experience or skills sections', () => {
    const profile = toCandidateProfile(
      resumeRow({
        sections: { summary: 'Summary', experience: 'Experience', skills: 'Skills' },
        skills: [skill('TypeScript', 'summary'), skill('Node.js', 'summary', 'experience'), skill('Sourcing', 'skills')],
        experience: [{ title: 'Technical Recruiter' }, { title: null }],
      }),
      SkillExtractor.shared(),
    );
    assert.deepEqual(profile.unbackedSkills, ['TypeScript']);
    assert.deepEqual(profile.skills, ['TypeScript', 'Node.js', 'Sourcing']);
    assert.deepEqual(profile.jobTitles, ['Technical Recruiter']);
    assert.deepEqual(profile.impliedSkills, { JavaScript: 'TypeScript' }, 'broader skills the resume implies');
  });

  it('does not discount a resume without sections: its summary is all there is', () => {
    const profile = toCandidateProfile(
      resumeRow({ sections: {}, skills: [skill('Python', 'summary')], experience: [] }),
      SkillExtractor.shared(),
    );
    assert.deepEqual(profile.unbackedSkills, []);
  });
});
