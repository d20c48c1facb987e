import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { detectMinYears, detectRemote, detectRequiredEducation, requiredParts } from './job-requirements.js';

describe('detectRequiredEducation', () => {
  it('reads the lowest level asked for', () => {
    assert.equal(detectRequiredEducation("Bachelor's degree in Computer Science or equivalent experience"), 'bachelor');
    assert.equal(detectRequiredEducation("Bachelor's or Master's degree in Statistics"), 'bachelor');
    assert.equal(detectRequiredEducation('PhD in Machine Learning'), 'doctorate');
    assert.equal(detectRequiredEducation("Master's degree in Data Science required"), 'master');
    assert.equal(detectRequiredEducation('Associate degree in Nursing (ADN)'), 'associate');
    assert.equal(detectRequiredEducation('Ship freight. Work with carriers.'), null);
  });

  it('ignores nice-to-have, preferred and "a plus" lines and clauses', () => {
    assert.equal(
      detectRequiredEducation('Python and SQL\nNice to have: PyTorch or TensorFlow, Spark, MS or PhD in a quantitative field'),
      null,
    );
    assert.equal(detectRequiredEducation("Bachelor's degree preferred; industrial experience a plus"), null);
    assert.equal(detectRequiredEducation('BSN preferred'), null);
    assert.equal(detectRequiredEducation('A PhD would be a plus.'), null);
    assert.equal(detectRequiredEducation('Preferred qualifications:\n- PhD in Physics\n- Published research'), null);
    assert.equal(detectRequiredEducation('Nice to have:\n- PhD\nRequirements:\n- B.S. in Chemistry'), 'bachelor');
    assert.equal(detectRequiredEducation("Bachelor's degree required, Master's preferred"), 'bachelor');
    assert.equal(detectRequiredEducation("Bachelor's degree in Accounting, MBA a plus"), 'bachelor');
    assert.equal(detectRequiredEducation("Master's degree, preferred"), null);
  });

  it('reads MS / M.S. as a master in a degree context, not MS Office or a state', () => {
    assert.equal(detectRequiredEducation('MS in Statistics or a related field'), 'master');
    assert.equal(detectRequiredEducation('M.S. in Computer Science'), 'master');
    assert.equal(detectRequiredEducation('MS or PhD in a quantitative field'), 'master');
    assert.equal(detectRequiredEducation('BS/MS in Computer Science'), 'bachelor');
    assert.equal(detectRequiredEducation('MS degree required'), 'master');
    assert.equal(detectRequiredEducation('Proficient in MS Office and MS Excel'), null);
    assert.equal(detectRequiredEducation('Our warehouse is in Jackson, MS.'), null);
    assert.equal(detectRequiredEducation('Certified Scrum Master in an agile team'), null);
  });

  it('does not read "High School" in a name as a diploma requirement', () => {
    assert.equal(detectRequiredEducation('Cedar Ridge High School is hiring a mathematics teacher.'), null);
    assert.equal(detectRequiredEducation("Cedar Ridge High School is hiring.\nBachelor's degree in mathematics"), 'bachelor');
    assert.equal(detectRequiredEducation('High school diploma or GED required'), 'secondary');
    assert.equal(detectRequiredEducation('Must have a GED.'), 'secondary');
    assert.equal(detectRequiredEducation('Completed secondary education'), 'secondary');
    assert.equal(detectRequiredEducation('High school or equivalent'), 'secondary');
  });
});

describe('requiredParts', () => {
  it('keeps requirement text and drops preferences', () => {
    assert.deepEqual(requiredParts('Strong TypeScript and Node.js.\nNice to have: Kafka\nDocker'), [
      'Strong TypeScript and Node.js.',
      'Docker',
    ]);
  });
});

describe('detectMinYears / detectRemote', () => {
  it('reads the minimum years and remote wording', () => {
    assert.equal(detectMinYears('5+ years of professional experience'), 5);
    assert.equal(detectMinYears('3-5 years of experience; at least 2 years leading'), 2);
    assert.equal(detectMinYears('no experience needed'), null);
    assert.equal(detectRemote('Fully remote within the US'), true);
    assert.equal(detectRemote('Three days a week in our Austin office'), false);
  });
});
