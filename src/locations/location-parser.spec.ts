import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { countryOfLocation } from '../resumes/parsing/geo.js';
import { asLocation } from '../resumes/parsing/location.js';
import { scoreLocation } from '../matching/scoring/location-factor.js';

/**
 * Characterisation: the places the resume parser (geo.ts: country for phone numbers; location.ts:
 * which header segment is a place) and the location factor of matching read differently while each
 * had its own tables and parser. Written against those two parsers, before they became one.
 */
describe('location reading where the resume parser and the location factor disagreed', () => {
  it('location factor: score, status and evidence for a candidate and a job location', () => {
    const cases: [string, string, number, string, string][] = [
      ['Toronto, ON', 'Toronto, Ontario', 0, 'unmet', 'Based in Toronto, ON; the job is in Toronto, Ontario'],
      ['Toronto, ON', 'Toronto, ON', 1, 'met', "Based in the job's city (Toronto)"],
      ['Vancouver, BC', 'Toronto, ON', 0, 'unmet', 'Based in Vancouver, BC; the job is in Toronto, ON'],
      ['Halifax, Nova Scotia', 'Toronto, Ontario', 0, 'unmet', 'Based in Halifax, Nova Scotia; the job is in Toronto, Ontario'],
      ['Copenhagen, Denmark', 'Aarhus, Denmark', 1, 'met', "Based in the job's region (Denmark)"],
      ['Copenhagen, Denmark', 'Berlin, Germany', 0, 'unmet', 'Based in Copenhagen, Denmark; the job is in Berlin, Germany'],
      ['Madrid, España', 'Barcelona, Spain', 0, 'unmet', 'Based in Madrid, España; the job is in Barcelona, Spain'],
      ['Amsterdam, Holland', 'Rotterdam, Netherlands', 0, 'unmet', 'Based in Amsterdam, Holland; the job is in Rotterdam, Netherlands'],
      ['Seoul, Korea', 'Busan, South Korea', 0, 'unmet', 'Based in Seoul, Korea; the job is in Busan, South Korea'],
      ['Leeds, England', 'Manchester, England', 1, 'met', "Based in the job's region (England)"],
      [
        'Leeds, England',
        'London, UK',
        0.25,
        'partial',
        "Based in Leeds, England, same country but not the job's area (London, United Kingdom)",
      ],
      [
        'Leeds, GB',
        'Manchester, UK',
        0.25,
        'partial',
        "Based in Leeds, United Kingdom, same country but not the job's area (Manchester, United Kingdom)",
      ],
      ['Sydney', 'Melbourne, Australia', 0, 'unmet', 'Based in Sydney; the job is in Melbourne, Australia'],
      ['London', 'London, Ontario', 1, 'met', "Based in the job's city (London)"],
      ['Shoreditch, London', 'London, UK', 0, 'unmet', 'Based in Shoreditch, London; the job is in London, United Kingdom'],
      ['Austin, TX', 'Dallas, Texas', 1, 'met', "Based in the job's region (Texas)"],
      ['Georgia', 'Atlanta, GA', 1, 'met', "Based in the job's region (Georgia)"],
      ['Wien 1010', 'Wien', 0, 'unmet', 'Based in Wien 1010; the job is in Wien'],
      ['Austin  TX', 'Austin, TX', 0, 'unmet', 'Based in Austin Tx; the job is in Austin, Texas'],
    ];
    for (const [candidate, job, score, status, evidence] of cases) {
      const part = scoreLocation(candidate, job, false);
      assert.deepEqual([part.score, part.status, part.evidence[0]], [score, status, evidence], `${candidate} vs ${job}`);
    }
  });

  it('resume parser: the country a location implies (it picks the calling code of a national phone number)', () => {
    const cases: [string, string | null][] = [
      ['Toronto, ON', 'CA'],
      ['Vancouver, BC', 'CA'],
      ['Halifax, Nova Scotia', 'CA'],
      ['Copenhagen, Denmark', 'DK'],
      ['Madrid, España', 'ES'],
      ['Leeds, England', 'GB'],
      ['England', 'GB'],
      ['Leeds, GB', 'GB'],
      ['Wakefield, GB', null],
      ['Sydney', 'AU'],
      ['Shoreditch, London', 'GB'],
      ['Paris 75001', 'FR'],
      ['10 Rue de Rivoli, Paris', 'FR'],
      ['Wien 1010', 'AT'],
      ['St. Louis', 'US'],
      ['St Louis', null],
      ['SF', null],
      ['Austin, tx', 'US'],
      ['Smalltown, tx', null],
      ['Springfield, U.S.', null],
      ['Georgia', null],
      ['Texas', null],
      ['Washington', null],
      ['Tbilisi, Georgia', 'US'],
      ['Greater London', null],
      ['Berlin; Germany', null],
      ['Remote', null],
      ['Atlantis', null],
    ];
    for (const [location, country] of cases) assert.equal(countryOfLocation(location), country, location);
  });

  it('resume parser: a header segment that reads as a place', () => {
    const cases: [string, string | null][] = [
      ['England', 'England'],
      ['Texas', null],
      ['Georgia, USA', 'Georgia, USA'],
      ['St. Louis', 'St. Louis'],
      ['St Louis', null],
      ['Leeds, GB', 'Leeds, GB'],
      ['Wakefield, GB', null],
      ['Springfield, U.S', null],
      ['Halifax, Nova Scotia', 'Halifax, Nova Scotia'],
      ['Seoul, Korea', 'Seoul, Korea'],
      ['Dublin (Remote)', 'Dublin'],
    ];
    for (const [segment, place] of cases) assert.equal(asLocation(segment), place, segment);
  });
});
