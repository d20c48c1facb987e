/** Splits resume text into the header (before the first heading) and named sections. */

export type SectionName =
  | 'summary'
  | 'experience'
  | 'education'
  | 'skills'
  | 'certifications'
  | 'languages'
  | 'projects'
  | 'awards'
  | 'publications'
  | 'volunteer'
  | 'interests'
  | 'references'
  | 'contact'
  | 'additional';

export interface Section {
  name: SectionName;
  /** heading text as written */
  heading: string;
  lines: string[];
}

export interface SectionSplit {
  header: string[];
  sections: Section[];
  /** section name -> first heading text recognised for it */
  headings: Record<string, string>;
}

const HEADINGS: Record<SectionName, string[]> = {
  summary: [
    'summary',
    'professional summary',
    'career summary',
    'executive summary',
    'profile',
    'professional profile',
    'personal profile',
    'career profile',
    'about',
    'about me',
    'objective',
    'career objective',
    'professional objective',
    'overview',
    'personal statement',
    'introduction',
    'summary of qualifications',
    'qualifications summary',
    'highlights',
    'career highlights',
    'professional overview',
    'profile summary',
    'who i am',
    'profil',
    'kurzprofil',
    'perfil',
    'perfil profesional',
    'resumen',
    'resumen profesional',
    'à propos',
    'sommaire',
  ],
  experience: [
    'experience',
    'work experience',
    'professional experience',
    'employment',
    'employment history',
    'work history',
    'career history',
    'relevant experience',
    'professional background',
    'experience history',
    'positions held',
    'career',
    'industry experience',
    'teaching experience',
    'clinical experience',
    'nursing experience',
    'sales experience',
    'leadership experience',
    'professional history',
    'experience and achievements',
    'work experience and achievements',
    'employment experience',
    'related experience',
    'engineering experience',
    'management experience',
    'professional employment',
    'career experience',
    'relevant work experience',
    'work',
    'jobs',
    'positions',
    'employment record',
    'work record',
    'berufserfahrung',
    'berufliche erfahrung',
    'beruflicher werdegang',
    'expérience',
    'expérience professionnelle',
    'expériences professionnelles',
    'expériences',
    'experiencia',
    'experiencia laboral',
    'experiencia profesional',
    'esperienza',
    'esperienze professionali',
    'esperienza professionale',
  ],
  education: [
    'education',
    'education and training',
    'academic background',
    'academic history',
    'academics',
    'education and qualifications',
    'educational background',
    'academic qualifications',
    'qualifications',
    'education and certifications',
    'education history',
    'academic profile',
    'degrees',
    'academic record',
    'ausbildung',
    'bildung',
    'bildungsweg',
    'studium',
    'formation',
    'formations',
    'éducation',
    'educación',
    'formación',
    'formación académica',
    'istruzione',
    'formazione',
  ],
  skills: [
    'skills',
    'technical skills',
    'key skills',
    'core skills',
    'core competencies',
    'competencies',
    'areas of expertise',
    'expertise',
    'skills and abilities',
    'technologies',
    'technical proficiencies',
    'tools',
    'tools and technologies',
    'skill set',
    'skillset',
    'tech stack',
    'technical expertise',
    'professional skills',
    'relevant skills',
    'computer skills',
    'it skills',
    'clinical skills',
    'strengths',
    'capabilities',
    'skills summary',
    'technical summary',
    'key competencies',
    'skills and competencies',
    'skills and expertise',
    'technical competencies',
    'core qualifications',
    'software',
    'software skills',
    'key strengths',
    'specialties',
    'technology',
    'skills and tools',
    'technical skills and tools',
    'abilities',
    'proficiencies',
    'kenntnisse',
    'fähigkeiten',
    'kompetenzen',
    'compétences',
    'competences',
    'habilidades',
    'competencias',
    'conocimientos',
    'competenze',
  ],
  certifications: [
    'certifications',
    'certificates',
    'certification',
    'licenses',
    'licences',
    'licenses and certifications',
    'licences and certifications',
    'certifications and licenses',
    'certifications and licences',
    'licensure',
    'credentials',
    'professional certifications',
    'training and certifications',
    'certifications and training',
    'professional development',
    'courses',
    'accreditations',
    'training',
    'courses and certifications',
    'certs',
    'license',
    'licence',
    'license certs',
    'licenses certs',
    'licence certs',
    'licences certs',
    'licensure and certifications',
    'licenses and certs',
    'licences and certs',
    'certs and licenses',
    'certs and licences',
    'license and certifications',
    'zertifikate',
    'zertifizierungen',
    'certificaciones',
  ],
  languages: ['languages', 'language skills', 'spoken languages', 'language proficiency', 'sprachen', 'langues', 'idiomas', 'lingue'],
  projects: [
    'projects',
    'personal projects',
    'key projects',
    'selected projects',
    'side projects',
    'academic projects',
    'portfolio',
    'projekte',
    'projets',
    'proyectos',
  ],
  awards: [
    'awards',
    'honors',
    'honours',
    'achievements',
    'awards and honors',
    'awards and honours',
    'accomplishments',
    'key achievements',
    'honors and awards',
  ],
  publications: ['publications', 'research', 'presentations', 'papers', 'research and publications'],
  volunteer: [
    'volunteer',
    'volunteering',
    'volunteer experience',
    'volunteer work',
    'community involvement',
    'community service',
    'leadership and activities',
    'activities',
    'extracurricular activities',
    'affiliations',
    'memberships',
    'professional affiliations',
  ],
  interests: ['interests', 'hobbies', 'hobbies and interests', 'personal interests', 'interessen', 'intereses'],
  references: ['references', 'referees', 'referenzen', 'références', 'referencias'],
  contact: [
    'contact',
    'contact information',
    'contact details',
    'personal details',
    'personal information',
    'contact info',
    'kontakt',
    'datos personales',
  ],
  additional: [
    'additional',
    'additional information',
    'additional info',
    'other',
    'other information',
    'miscellaneous',
    'misc',
    'additional details',
  ],
};

const normHeading = (s: string) =>
  s
    .toLowerCase()
    .normalize('NFC')
    .replace(/&|\+/g, ' and ')
    .replace(/[^\p{L}\s]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();

const LOOKUP = new Map<string, SectionName>();
for (const [name, list] of Object.entries(HEADINGS) as [SectionName, string[]][]) {
  for (const h of list) LOOKUP.set(normHeading(h), name);
}

const DECORATION =
  /^[\s#=_*~\-\u2013\u2014\u2022\u25AA\u25A0\u25CF\u25E6\u2500-\u257F|>:.]+|[\s#=_*~\-\u2013\u2014\u2022\u25AA\u25A0\u25CF\u25E6\u2500-\u257F|<:.]+$/g;

/** "E X P E R I E N C E" -> "EXPERIENCE" */
function unspace(s: string): string {
  return /^(?:\p{L} ){3,}\p{L}$/u.test(s) ? s.replace(/ /g, '') : s.replace(/(?:\p{L} ){3,}\p{L}/gu, (w) => w.replace(/ /g, ''));
}

/**
 * Recognises a section heading line. Also handles an inline heading ("Skills: Python, SQL"), in which
 * case `rest` holds the content after the colon.
 */
export function detectHeading(line: string): { name: SectionName; heading: string; rest: string } | null {
  const raw = line.trim();
  if (!raw || raw.length > 60) {
    // inline "Heading: content" lines may be long
    return inlineHeading(raw);
  }
  const cleaned = unspace(raw.replace(DECORATION, '').trim());
  if (!cleaned) return null;
  const words = cleaned.split(/\s+/);
  if (words.length <= 6) {
    const name = LOOKUP.get(normHeading(cleaned));
    if (name) return { name, heading: cleaned, rest: '' };
  }
  return inlineHeading(raw);
}

function inlineHeading(raw: string): { name: SectionName; heading: string; rest: string } | null {
  const m = raw.match(/^\s*([\p{L}&+/ ]{3,40}?)\s*[:\uFF1A]\s*(.*)$/u);
  if (!m) return null;
  const name = LOOKUP.get(normHeading(m[1]));
  if (!name) return null;
  // "Experience: 5 years" inside a summary is not a heading; only list-like sections take inline content
  if (m[2] && !['skills', 'languages', 'certifications', 'interests', 'summary', 'references'].includes(name)) return null;
  return { name, heading: m[1].trim(), rest: m[2].trim() };
}

/** Splits text (already line-normalised) into header lines and sections. */
export function splitSections(text: string): SectionSplit {
  const header: string[] = [];
  const sections: Section[] = [];
  const headings: Record<string, string> = {};
  let current: Section | null = null;
  for (const line of text.split('\n')) {
    let h = detectHeading(line);
    // "Languages: Go, Python" / "Tools: Git" inside a skills section are sub-labels, not sections
    if (h && h.rest && current?.name === 'skills') h = null;
    if (h) {
      let sec = sections.find((s) => s.name === h.name);
      if (!sec) {
        sec = { name: h.name, heading: h.heading, lines: [] };
        sections.push(sec);
        headings[h.name] = h.heading;
      }
      current = sec;
      if (h.rest) current.lines.push(h.rest);
      continue;
    }
    if (current) current.lines.push(line);
    else header.push(line);
  }
  return { header, sections, headings };
}
