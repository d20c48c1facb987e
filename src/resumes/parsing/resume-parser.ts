// PLACEHOLDER written by the lead so the app compiles; the parsing helper replaces this file whole.
import { Injectable } from '@nestjs/common';
import { SkillExtractor } from '../../skills/skill-extractor.js';
import { ParsedResume } from './parsed-resume.js';

@Injectable()
export class ResumeParser {
  constructor(private readonly skills: SkillExtractor) {}

  parse(text: string): ParsedResume {
    const lines = text.split('\n').map((l) => l.trim()).filter(Boolean);
    return {
      name: lines[0] ?? null,
      email: text.match(/[\w.+-]+@[\w-]+(\.[\w-]+)+/)?.[0] ?? null,
      phone: null,
      location: null,
      links: { linkedin: null, github: null, web: [] },
      summary: null,
      experience: [],
      totalYearsExperience: 0,
      education: [],
      highestEducationLevel: null,
      skills: this.skills.extract(text).map((m) => ({ name: m.name, category: m.category, foundIn: m.sections })),
      languages: [],
      certifications: [],
      sections: {},
    };
  }
}
