import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { extractEmail, extractLinks, extractPhone, normalizePhone } from './contact.js';
import { countryOfLocation } from '../../locations/location-parser.js';
import { asLocation, extractLocation } from './location.js';
import { asName, extractName } from './person-name.js';

describe('normalizePhone', () => {
  it('gives E.164 when the country is clear', () => {
    assert.equal(normalizePhone('(512) 555-0147'), '+15125550147');
    assert.equal(normalizePhone('+1 (312) 555-0176'), '+13125550176');
    assert.equal(normalizePhone('+44 (0)20 7946 0958'), '+442079460958');
    assert.equal(normalizePhone('0044 20 7946 0958'), '+442079460958');
    assert.equal(normalizePhone('07700 900123', 'GB'), '+447700900123');
    assert.equal(normalizePhone('030 12345678', 'DE'), '+493012345678');
    assert.equal(normalizePhone('0412 345 678', 'AU'), '+61412345678');
    assert.equal(normalizePhone('404.555.0123', 'US'), '+14045550123');
    assert.equal(normalizePhone('1-800-555-0199'), '+18005550199');
  });

  it('keeps the number as written when the country is unknown', () => {
    assert.equal(normalizePhone('0612345678'), '0612345678');
    assert.equal(normalizePhone('5551234567'), '5551234567');
  });
});

describe('extractPhone', () => {
  it('prefers a labelled number and skips date ranges', () => {
    assert.equal(extractPhone('2017-2019 Analyst\nMobile: 07700 900123', 'GB'), '+447700900123');
    assert.equal(extractPhone('Worked 2015 - 2019 and 03/2015 - 06/2018'), null);
  });
});

describe('extractEmail', () => {
  it('finds plain, obfuscated and wrapped addresses', () => {
    assert.equal(extractEmail('Contact: Jane.Doe@Example.com | +1 555'), 'jane.doe@example.com');
    assert.equal(extractEmail('jane [at] example [dot] org'), 'jane@example.org');
    assert.equal(extractEmail('chloe.anderson@example.co\nm.au\nSydney'), 'chloe.anderson@example.com.au');
    assert.equal(extractEmail('no address here'), null);
  });
});

describe('extractLinks', () => {
  it('classifies LinkedIn, GitHub and other sites, ignoring tech names', () => {
    const l = extractLinks('linkedin.com/in/jane | https://github.com/jane | www.jane.dev | Node.js, ASP.NET | jane@mail.com');
    assert.equal(l.linkedin, 'https://linkedin.com/in/jane');
    assert.equal(l.github, 'https://github.com/jane');
    assert.deepEqual(l.web, ['https://jane.dev']);
  });
});

describe('location', () => {
  it('reads city/state, city/country and addresses', () => {
    assert.equal(asLocation('Austin, TX'), 'Austin, TX');
    assert.equal(asLocation('London, UK'), 'London, UK');
    assert.equal(asLocation('123 Main St, Springfield, IL 62704'), 'Springfield, IL');
    assert.equal(asLocation('Bristol BS1 4DJ, United Kingdom'), 'Bristol, United Kingdom');
    assert.equal(asLocation('Berlin'), 'Berlin');
    assert.equal(asLocation('Senior Engineer'), null);
    assert.equal(extractLocation(['Jane Doe', 'jane@x.com | Toronto, ON | 416-555-0188']), 'Toronto, ON');
    assert.equal(extractLocation(['Address: 10 Rue de Rivoli, Paris']), '10 Rue de Rivoli, Paris');
  });

  it('drops a trailing remark and never reads an employer or the name line as the location', () => {
    assert.equal(asLocation('Denver, Colorado (relocated from Leeds, UK; US permanent resident)'), 'Denver, Colorado');
    assert.equal(asLocation('Austin, TX (open to relocation)'), 'Austin, TX');
    assert.equal(asLocation('Pennine Outdoor Retail Ltd, Leeds, UK'), null);
    assert.equal(asLocation('Rush University Medical Center, Chicago, IL'), null);
    assert.equal(asLocation('Oak Park, IL'), 'Oak Park, IL');
    assert.equal(asLocation('Jersey City, NJ'), 'Jersey City, NJ');
    assert.equal(extractLocation(['Group Accountant — Pennine Outdoor Retail Ltd, Leeds, UK']), null);
    assert.equal(extractLocation(['Laura Fischer, MS', 'laura@example.com'], { name: 'Laura Fischer' }), null);
    assert.equal(
      extractLocation(['Laura Fischer, MS', 'Philadelphia, PA · laura@example.com'], { name: 'Laura Fischer' }),
      'Philadelphia, PA',
    );
    assert.equal(extractLocation(['Jackson, MS'], { name: 'Laura Fischer' }), 'Jackson, MS');
  });

  it('maps a location to its country', () => {
    assert.equal(countryOfLocation('Austin, TX'), 'US');
    assert.equal(countryOfLocation('Toronto, ON'), 'CA');
    assert.equal(countryOfLocation('Manchester, United Kingdom'), 'GB');
    assert.equal(countryOfLocation('Sydney'), 'AU');
    assert.equal(countryOfLocation('Atlantis'), null);
  });
});

describe('names', () => {
  it('keeps accents, apostrophes, hyphens and particles', () => {
    assert.equal(asName("José O'Brien-García"), "José O'Brien-García");
    assert.equal(asName('José Luis Fernández de la Cruz'), 'José Luis Fernández de la Cruz');
    assert.equal(asName('Siobhán Ní Bhriain'), 'Siobhán Ní Bhriain');
    assert.equal(asName('Łukasz Kowalski'), 'Łukasz Kowalski');
  });

  it('accepts non-Latin scripts', () => {
    assert.equal(asName('Ирина Соколова'), 'Ирина Соколова');
    assert.equal(asName('Νίκος Παπαδόπουλος'), 'Νίκος Παπαδόπουλος');
    assert.equal(asName('李明'), '李明');
    assert.equal(asName('محمد العلي'), 'محمد العلي');
    assert.equal(asName('山田 太郎'), '山田 太郎');
  });

  it('drops accounting and nursing credentials after the name', () => {
    assert.equal(asName('Oliver Hughes, ACCA'), 'Oliver Hughes');
    assert.equal(asName('Dana Cole, APRN, FNP'), 'Dana Cole');
  });

  it('title-cases all-caps names and drops titles/credentials', () => {
    assert.equal(asName("MARY-KATE O'SULLIVAN"), "Mary-Kate O'Sullivan");
    assert.equal(asName('Dr. Aisha Okonkwo-Bello'), 'Aisha Okonkwo-Bello');
    assert.equal(asName('Jane Doe, RN, BSN'), 'Jane Doe');
  });

  it('rejects headings, titles and contact lines', () => {
    assert.equal(asName('Senior Software Engineer'), null);
    assert.equal(asName('Work Experience'), null);
    assert.equal(asName('jane@example.com'), null);
    assert.equal(asName('Python'), null);
  });

  it('finds the name among header lines', () => {
    assert.equal(extractName(['CURRICULUM VITAE', 'Name: Anne-Marie Dubois', 'Mobile: +33 6 12 34 56 78']), 'Anne-Marie Dubois');
    assert.equal(extractName(['Marcus Bell | Enterprise Account Executive', '404.555.0123']), 'Marcus Bell');
    assert.equal(extractName(['john smith', 'developer']), 'John Smith');
  });
});
