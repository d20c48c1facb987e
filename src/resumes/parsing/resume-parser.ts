import { Injectable } from '@nestjs/common';
import { SkillExtractor } from '../../skills/skill-extractor.js';
import { higherLevel } from '../../skills/language-level.js';
import { prepareForParsing } from '../../text-cleaning/text-cleaning.js';
import type { EducationEntry, ExperienceEntry, ParsedResume, ResumeSkill } from './parsed-resume.js';
import { splitSections, type Section } from './sections.js';
import { extractEmail, extractLinks, extractPhone } from './contact.js';
import { countryOfLocation } from '../../locations/location-parser.js';
import { extractLocation } from './location.js';
import { extractName } from './person-name.js';
import { parseExperience } from './experience.js';
import { totalYears } from './date-ranges.js';
import { educationFromText, highestLevel, parseEducation } from './education.js';
import { extractCertifications, extractLanguages } from './languages.js';

export interface ResumeParseOptions {
  /** "Now" for `Present` date ranges (tests inject a fixed date). */
  now?: Date;
}

/** Sections whose places belong to employers, schools or projects rather than the candidate. */
const PLACES_OF_OTHERS = ['experience', 'education', 'projects', 'volunteer', 'references', 'awards', 'publications'];

const SECTION_SKILL_NAMES: Record<string, string> = {
  summary: 'summary',
  experience: 'experience',
  education: 'education',
  skills: 'skills',
  certifications: 'certifications',
  projects: 'projects',
  languages: 'languages',
};

/** Turns a resume's stored text (cleanDocumentText of a PDF, DOCX or TXT upload) into a ParsedResume. */
@Injectable()
export class ResumeParser {
  constructor(private readonly skills: SkillExtractor = SkillExtractor.shared()) {}

  parse(text: string, options: ResumeParseOptions = {}): ParsedResume {
    const now = options.now ?? new Date();
    const doc = readDocument(text);
    const experience = parseExperience(experienceLines(doc), { now });
    const education = readEducation(doc, now);
    return {
      ...readContact(doc),
      summary: readSummary(doc),
      experience: experience.entries,
      // no dated position: the experience is unknown, not zero
      totalYearsExperience: experience.ranges.length ? totalYears(experience.ranges, now) : null,
      education,
      highestEducationLevel: highestLevel(education),
      skills: this.readSkills(doc, experience.entries),
      languages: extractLanguages(doc.section('languages')?.lines, doc.lines),
      certifications: extractCertifications(doc.section('certifications')?.lines, doc.lines),
      sections: doc.split.headings,
    };
  }

  /** Skills per section, each with the sections it was found in (the header counts as summary). */
  private readSkills(doc: ResumeDocument, positions: ExperienceEntry[]): ResumeSkill[] {
    const skills = new Map<string, ResumeSkill>();
    const addSkills = (t: string, where: string) => {
      for (const m of this.skills.extract(t, where)) {
        if (where === 'languages' && m.type !== 'language') continue; // "Languages: ..." lists languages only
        const cur = skills.get(m.name);
        if (cur) {
          if (!cur.foundIn.includes(where)) cur.foundIn.push(where);
          if (m.level) cur.level = higherLevel(cur.level, m.level);
        } else {
          const skill: ResumeSkill = { name: m.name, category: m.category, escoUri: m.escoUri, type: m.type, foundIn: [where] };
          if (m.level) skill.level = m.level;
          skills.set(m.name, skill);
        }
      }
    };
    const { split } = doc;
    const headerBody = split.header.filter((l) => !/@|https?:|www\.|\d{3}[\s.)-]+\d{3}/.test(l)).join('\n');
    if (headerBody.trim()) addSkills(headerBody, 'summary');
    const maskCompanies = companyMask(positions);
    for (const s of split.sections) {
      if (['references', 'contact', 'interests'].includes(s.name)) continue;
      // a degree's field ("B.S. in Nursing") is not a claimed skill; coursework lines are
      const lines =
        s.name === 'education'
          ? s.lines.filter((l) => /\b(?:course|coursework|modules|thesis|dissertation|projects?|skills)\b/i.test(l))
          : s.lines;
      if (lines.length) addSkills(maskCompanies(lines.join('\n')), SECTION_SKILL_NAMES[s.name] ?? s.name);
    }
    if (!split.sections.length) addSkills(doc.clean, 'unknown');
    return [...skills.values()];
  }
}

/** The cleaned text, its lines and its sections: what every step below reads. */
interface ResumeDocument {
  clean: string;
  lines: string[];
  split: ReturnType<typeof splitSections>;
  section(name: string): Section | undefined;
}

function readDocument(text: string): ResumeDocument {
  const clean = prepareForParsing(text);
  const split = splitSections(clean);
  return { clean, lines: clean.split('\n'), split, section: (name) => split.sections.find((s) => s.name === name) };
}

/** Name, e-mail, phone, location and links: from the header (or contact section), else the first lines. */
function readContact(doc: ResumeDocument): Pick<ParsedResume, 'name' | 'email' | 'phone' | 'location' | 'links'> {
  const { clean, split } = doc;
  const contactLines = [...split.header, ...(doc.section('contact')?.lines ?? [])];
  const top = contactLines.length ? contactLines : doc.lines.slice(0, 8);
  const topText = top.join('\n');

  const name = extractName(top) ?? extractName(doc.lines.slice(0, 6));
  const email = extractEmail(topText) ?? extractEmail(clean);
  // fallback: the first lines, but never an employer's or school's location from those sections
  const elsewhere = new Set(split.sections.filter((s) => PLACES_OF_OTHERS.includes(s.name)).flatMap((s) => s.lines.map((l) => l.trim())));
  const early = doc.lines.slice(0, 15).filter((l) => !elsewhere.has(l.trim()));
  const location = extractLocation(top, { name }) ?? extractLocation(early, { name });
  const country = countryOfLocation(location);
  const phone = extractPhone(topText, country) ?? extractPhone(doc.lines.slice(0, 25).join('\n'), country);
  const links = extractLinks(topText);
  if (!links.linkedin || !links.github) {
    const all = extractLinks(clean);
    links.linkedin ??= all.linkedin;
    links.github ??= all.github;
  }
  return { name, email, phone, location, links };
}

/** The summary section, or a paragraph in the header. */
function readSummary(doc: ResumeDocument): string | null {
  const sum = doc.section('summary');
  const summary = sum ? joinParagraph(sum.lines) : null;
  if (summary) return summary;
  const para = doc.split.header.filter((l) => l.trim().split(/\s+/).length >= 12 && !/@|\d{3}[\s.-]\d{3}/.test(l));
  return para.length ? joinParagraph(para) : null;
}

/** The experience section, or (without one) every section that is not education, awards and the like. */
function experienceLines(doc: ResumeDocument): string[] {
  const exp = doc.section('experience');
  if (exp) return exp.lines;
  return doc.split.sections
    .filter((s) => !['education', 'certifications', 'awards', 'publications', 'references'].includes(s.name))
    .flatMap((s) => s.lines);
}

/** The education section; degrees named elsewhere when it names none. */
function readEducation(doc: ResumeDocument, now: Date): EducationEntry[] {
  const edu = doc.section('education');
  const education = edu ? parseEducation(edu.lines, { now }) : [];
  if (education.some((e) => e.level)) return education;
  const extra = educationFromText(doc.clean, { now }).filter((e) => e.level);
  return extra.length ? [...education.filter((e) => e.level || e.institution), ...extra] : education;
}

/** Blanks employer names ("Carolina Freight Lines", "Mistral Robotics SAS"): they are not skills. */
function companyMask(positions: ExperienceEntry[]): (text: string) => string {
  const companies = [...new Set(positions.map((e) => e.company).filter((c): c is string => !!c && /\s/.test(c) && c.length >= 6))];
  return (text) => companies.reduce((acc, c) => acc.split(c).join(' '.repeat(c.length)), text);
}

function joinParagraph(lines: string[]): string | null {
  const t = lines
    .map((l) => l.trim().replace(/^[-*\u2022]\s+/, ''))
    .filter(Boolean)
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();
  return t ? (t.length > 2000 ? t.slice(0, 2000) : t) : null;
}
