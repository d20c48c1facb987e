/**
 * A skill name used as a modifier of a role or an organisation is not a claimed skill: "as a backend
 * engineer" names a role, "POS software providers" a kind of company, "project manager" a job title
 * (Porter stems make "manager" and "management" the same word). The role nouns are the heads of
 * ESCO occupation titles (computed by scripts/build-skill-dictionary.mjs); the organisation and
 * product nouns below are the generic words job ads use for companies and what they sell.
 */
const ORGANISATION_NOUNS = new Set(
  'provider providers vendor vendors supplier suppliers company companies firm firms agency agencies manufacturer manufacturers startup startups consultancy consultancies reseller resellers distributor distributors house houses'.split(
    ' ',
  ),
);
/** Words between a skill and an organisation noun that keep it a description ("POS software providers"). */
const PRODUCT_NOUNS = new Set(
  'software system systems solution solutions platform platforms tool tools technology technologies product products service services'.split(
    ' ',
  ),
);

/** Singular and plural of each role noun (engineer, engineers; secretary, secretaries). */
export function roleNounSet(heads: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (const h of heads) {
    out.add(h);
    out.add(/(?:s|sh|ch|x)$/.test(h) ? `${h}es` : /[^aeiou]y$/.test(h) ? `${h.slice(0, -1)}ies` : `${h}s`);
  }
  return out;
}

/**
 * True when the words after a skill mention (`following`, lowercased keys of the same line) make it
 * a modifier: a role noun right after it (unless `concreteTech`: "Java developer" does need Java),
 * or an organisation noun after at most two product nouns.
 */
export function modifiesRoleOrOrganisation(following: readonly string[], roleNouns: ReadonlySet<string>, concreteTech: boolean): boolean {
  if (!following.length) return false;
  if (roleNouns.has(following[0]) && !concreteTech) return true;
  let i = 0;
  while (i < 2 && i < following.length && PRODUCT_NOUNS.has(following[i])) i++;
  return i < following.length && ORGANISATION_NOUNS.has(following[i]);
}
