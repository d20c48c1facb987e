import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { asLocation } from '../resumes/parsing/location.js';
import { scoreLocation } from '../matching/scoring/location-factor.js';
import { countryOfLocation, parseLocation } from './location-parser.js';

describe('parseLocation', () => {
  it('reads city, state and country', () => {
    assert.deepEqual(parseLocation('Austin, TX'), { city: 'austin', region: 'texas', country: 'US' });
    assert.deepEqual(parseLocation('Austin, Texas, USA'), { city: 'austin', region: 'texas', country: 'US' });
    assert.deepEqual(parseLocation('London, UK'), { city: 'london', region: null, country: 'GB' });
    assert.deepEqual(parseLocation('Leeds, England'), { city: 'leeds', region: 'england', country: 'GB' });
    assert.deepEqual(parseLocation('NYC'), { city: 'new york', region: null, country: null });
    assert.deepEqual(parseLocation('Ohio'), { city: null, region: 'ohio', country: 'US' });
    assert.deepEqual(parseLocation('Chicago, IL (Hybrid)'), { city: 'chicago', region: 'illinois', country: 'US' });
    assert.deepEqual(parseLocation('Chicago, IL 60619'), { city: 'chicago', region: 'illinois', country: 'US' });
    assert.deepEqual(parseLocation('123 Main St, Apt 4, Springfield, IL 62701'), {
      city: 'springfield',
      region: 'illinois',
      country: 'US',
    });
    assert.deepEqual(parseLocation('St. Louis, MO'), { city: 'st louis', region: 'missouri', country: 'US' });
    assert.deepEqual(parseLocation('Leeds LS1 4AP, UK'), { city: 'leeds', region: null, country: 'GB' });
  });
});

/**
 * Characterisation: the places the resume parser (geo.ts: country for phone numbers; location.ts:
 * which header segment is a place) and the location factor of matching read differently while each
 * had its own tables and parser. Written against those two parsers before they became this one;
 * where the one parser reads a place differently, the line says what it was ("was: ...").
 * The factor knew 27 countries, 4 of the 13 Canadian provinces by name and none by code; the
 * resume parser knew no lone state name, no "GB" and no postcode but a trailing number.
 */
describe('location reading where the resume parser and the location factor disagreed', () => {
  it('location factor: score, status and evidence for a candidate and a job location', () => {
    const cases: [string, string, number, string, string][] = [
      // was: 0, unmet, 'Based in Toronto, ON; the job is in Toronto, Ontario' (ON was an unknown region)
      ['Toronto, ON', 'Toronto, Ontario', 1, 'met', "Based in the job's city (Toronto)"],
      ['Toronto, ON', 'Toronto, ON', 1, 'met', "Based in the job's city (Toronto)"],
      // was: 0, unmet, 'Based in Vancouver, BC; the job is in Toronto, ON'
      [
        'Vancouver, BC',
        'Toronto, ON',
        0.25,
        'partial',
        "Based in Vancouver, British Columbia, same country but not the job's area (Toronto, Ontario)",
      ],
      // was: 0, unmet, 'Based in Halifax, Nova Scotia; the job is in Toronto, Ontario'
      [
        'Halifax, Nova Scotia',
        'Toronto, Ontario',
        0.25,
        'partial',
        "Based in Halifax, Nova Scotia, same country but not the job's area (Toronto, Ontario)",
      ],
      // was: 1, met, "Based in the job's region (Denmark)": an unknown country was read as a region
      [
        'Copenhagen, Denmark',
        'Aarhus, Denmark',
        0.25,
        'partial',
        "Based in Copenhagen, Denmark, same country but not the job's area (Aarhus, Denmark)",
      ],
      ['Copenhagen, Denmark', 'Berlin, Germany', 0, 'unmet', 'Based in Copenhagen, Denmark; the job is in Berlin, Germany'],
      // was: 0, unmet, 'Based in Madrid, España; the job is in Barcelona, Spain'
      [
        'Madrid, España',
        'Barcelona, Spain',
        0.25,
        'partial',
        "Based in Madrid, Spain, same country but not the job's area (Barcelona, Spain)",
      ],
      // was: 0, unmet, 'Based in Amsterdam, Holland; the job is in Rotterdam, Netherlands'
      [
        'Amsterdam, Holland',
        'Rotterdam, Netherlands',
        0.25,
        'partial',
        "Based in Amsterdam, Netherlands, same country but not the job's area (Rotterdam, Netherlands)",
      ],
      // was: 0, unmet, 'Based in Seoul, Korea; the job is in Busan, South Korea'
      [
        'Seoul, Korea',
        'Busan, South Korea',
        0.25,
        'partial',
        "Based in Seoul, South Korea, same country but not the job's area (Busan, South Korea)",
      ],
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
      // was: 0, unmet, 'Based in Wien 1010; the job is in Wien' (the resume parser already dropped a trailing number)
      ['Wien 1010', 'Wien', 1, 'met', "Based in the job's city (Wien)"],
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
      ['Wakefield, GB', 'GB'], // was: null
      ['Sydney', 'AU'],
      ['Shoreditch, London', 'GB'],
      ['Paris 75001', 'FR'],
      ['10 Rue de Rivoli, Paris', 'FR'],
      ['Wien 1010', 'AT'],
      ['St. Louis', 'US'],
      ['St Louis', 'US'], // was: null (only "St. Louis" was a key)
      ['SF', null],
      ['Austin, tx', 'US'],
      ['Smalltown, tx', 'US'], // was: null (a code had to be upper case)
      ['Springfield, U.S.', 'US'], // was: null
      // a lone state name: was null, the factor read it as the state, and so does the one parser
      ['Georgia', 'US'],
      ['Texas', 'US'],
      ['Washington', 'US'],
      ['Tbilisi, Georgia', 'US'],
      ['Greater London', 'GB'], // was: null
      ['Berlin; Germany', 'DE'], // was: null
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
      ['St Louis', 'St Louis'], // was: null
      ['Leeds, GB', 'Leeds, GB'],
      ['Wakefield, GB', 'Wakefield, GB'], // was: null
      ['Springfield, U.S', 'Springfield, U.S'], // was: null
      ['Halifax, Nova Scotia', 'Halifax, Nova Scotia'],
      ['Seoul, Korea', 'Seoul, Korea'],
      ['Dublin (Remote)', 'Dublin'],
    ];
    for (const [segment, place] of cases) assert.equal(asLocation(segment), place, segment);
  });
});
