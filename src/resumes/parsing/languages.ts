/** Spoken languages and certifications. */
import { escapeRegExp } from '../../common/escape-regexp.js';

const LANGUAGES: Record<string, string> = {};
for (const name of `Afrikaans Albanian Amharic Arabic Armenian Azerbaijani Basque Belarusian Bengali Bosnian Bulgarian Burmese
Cantonese Catalan Cebuano Chinese Croatian Czech Danish Dutch English Estonian Farsi Filipino Finnish Flemish French Galician
Georgian German Greek Gujarati Haitian Hausa Hebrew Hindi Hmong Hungarian Icelandic Igbo Indonesian Irish Italian Japanese
Javanese Kannada Kazakh Khmer Korean Kurdish Kyrgyz Lao Latin Latvian Lithuanian Luxembourgish Macedonian Malagasy Malay
Malayalam Maltese Mandarin Maori Marathi Mongolian Nepali Norwegian Pashto Persian Polish Portuguese Punjabi Quechua Romanian
Russian Serbian Sinhala Slovak Slovenian Somali Spanish Swahili Swedish Tagalog Tajik Tamil Telugu Thai Tibetan Tigrinya
Turkish Turkmen Ukrainian Urdu Uzbek Vietnamese Welsh Wolof Xhosa Yiddish Yoruba Zulu`.split(/\s+/)) {
  LANGUAGES[name.toLowerCase()] = name;
}
Object.assign(LANGUAGES, {
  'american sign language': 'American Sign Language',
  asl: 'American Sign Language',
  'british sign language': 'British Sign Language',
  español: 'Spanish',
  castellano: 'Spanish',
  français: 'French',
  francais: 'French',
  deutsch: 'German',
  italiano: 'Italian',
  português: 'Portuguese',
  portugues: 'Portuguese',
  nederlands: 'Dutch',
  polski: 'Polish',
  русский: 'Russian',
  українська: 'Ukrainian',
  中文: 'Chinese',
  普通话: 'Mandarin',
  日本語: 'Japanese',
  한국어: 'Korean',
  العربية: 'Arabic',
  हिन्दी: 'Hindi',
  englisch: 'English',
  spanisch: 'Spanish',
  französisch: 'French',
  anglais: 'English',
  espagnol: 'Spanish',
  allemand: 'German',
  inglés: 'English',
  ingles: 'English',
  francés: 'French',
  alemán: 'German',
});

const LANG_KEYS = Object.keys(LANGUAGES).sort((a, b) => b.length - a.length);
const LANG_RE = new RegExp(`(?<![\\p{L}])(${LANG_KEYS.map(escapeRegExp).join('|')})(?![\\p{L}])`, 'giu');

/** Canonical names of the natural languages named in the text, in order. */
export function findLanguages(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(LANG_RE)) {
    const name = LANGUAGES[m[1].toLowerCase()];
    // "Swift", "English" in a sentence? languages are only read from language contexts by the caller
    if (name && !out.includes(name)) out.push(name);
  }
  return out;
}

const LANGUAGE_LINE_RE =
  /^\s*(?:[-*\u2022]\s*)?(?:spoken\s+|foreign\s+|human\s+)?(?:languages?|sprachen|langues|idiomas|lingue)(?:\s+spoken)?\s*[:\-\u2013]\s*(.+)$/i;

/** Languages from the languages section, plus "Languages: ..." lines elsewhere. */
export function extractLanguages(sectionLines: string[] | undefined, allLines: string[]): string[] {
  const out: string[] = [];
  const add = (xs: string[]) => xs.forEach((x) => !out.includes(x) && out.push(x));
  if (sectionLines) add(findLanguages(sectionLines.join('\n')));
  for (const l of allLines) {
    const m = l.match(LANGUAGE_LINE_RE);
    if (m) add(findLanguages(m[1]));
  }
  return out;
}

const BULLET = /^\s*(?:[-*\u2022\u2023\u25AA\u25CF\u25E6\u00B7o>]\s+|\d{1,2}[.)]\s+)/;

/** One certification per line of the certifications section (dates and bullets stripped). */
export function extractCertifications(sectionLines: string[] | undefined, otherLines: string[] = []): string[] {
  const out: string[] = [];
  const clean = (l: string) =>
    l
      .replace(BULLET, '')
      .replace(
        /\s*[,(|\u2013\u2014-]?\s*(?:issued|obtained|earned|expires?|expiry|valid(?:\s+until|\s+through)?|exp\.?)?\s*:?\s*(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+)?(?:19|20)\d{2}(?:\s*[-\u2013]\s*(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+)?(?:(?:19|20)\d{2}|present))?\)?\s*$/i,
        '',
      )
      .replace(/\s+/g, ' ')
      .replace(/[\s,;:|\u2013-]+$/, '')
      .trim();
  for (const l of sectionLines ?? []) {
    for (const part of l.split(/\s*[;|]\s*|\s{3,}/)) {
      const c = clean(part);
      if (c && c.length >= 2 && c.length <= 120 && /\p{L}/u.test(c) && !out.includes(c)) out.push(c);
    }
  }
  for (const l of otherLines) {
    if (!/^\s*(?:[-*\u2022]\s*)?(?:certifications?|licen[cs]es?)\s*[:-]/i.test(l)) continue;
    const c = clean(l);
    {
      for (const p of c.replace(/^[^:-]+[:-]\s*/, '').split(/\s*[,;|]\s*/)) if (p && !out.includes(p)) out.push(p);
    }
  }
  return out;
}
