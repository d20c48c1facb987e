/**
 * Place names: the one vocabulary of US states, Canadian provinces, nations of the UK, countries and
 * well-known cities that the resume parser and the location factor of matching read locations with.
 * Every lookup takes a name as written ("U.S.A.", "St. Louis", "TX") and compares its place key.
 */

/** US state (and DC, Puerto Rico) codes -> names. */
const US_STATES: Record<string, string> = {
  AL: 'Alabama',
  AK: 'Alaska',
  AZ: 'Arizona',
  AR: 'Arkansas',
  CA: 'California',
  CO: 'Colorado',
  CT: 'Connecticut',
  DE: 'Delaware',
  FL: 'Florida',
  GA: 'Georgia',
  HI: 'Hawaii',
  ID: 'Idaho',
  IL: 'Illinois',
  IN: 'Indiana',
  IA: 'Iowa',
  KS: 'Kansas',
  KY: 'Kentucky',
  LA: 'Louisiana',
  ME: 'Maine',
  MD: 'Maryland',
  MA: 'Massachusetts',
  MI: 'Michigan',
  MN: 'Minnesota',
  MS: 'Mississippi',
  MO: 'Missouri',
  MT: 'Montana',
  NE: 'Nebraska',
  NV: 'Nevada',
  NH: 'New Hampshire',
  NJ: 'New Jersey',
  NM: 'New Mexico',
  NY: 'New York',
  NC: 'North Carolina',
  ND: 'North Dakota',
  OH: 'Ohio',
  OK: 'Oklahoma',
  OR: 'Oregon',
  PA: 'Pennsylvania',
  RI: 'Rhode Island',
  SC: 'South Carolina',
  SD: 'South Dakota',
  TN: 'Tennessee',
  TX: 'Texas',
  UT: 'Utah',
  VT: 'Vermont',
  VA: 'Virginia',
  WA: 'Washington',
  WV: 'West Virginia',
  WI: 'Wisconsin',
  WY: 'Wyoming',
  DC: 'District of Columbia',
  PR: 'Puerto Rico',
};

/** Canadian province and territory codes -> names. */
const CA_PROVINCES: Record<string, string> = {
  AB: 'Alberta',
  BC: 'British Columbia',
  MB: 'Manitoba',
  NB: 'New Brunswick',
  NL: 'Newfoundland and Labrador',
  NS: 'Nova Scotia',
  NT: 'Northwest Territories',
  NU: 'Nunavut',
  ON: 'Ontario',
  PE: 'Prince Edward Island',
  QC: 'Quebec',
  SK: 'Saskatchewan',
  YT: 'Yukon',
};

/** The nations of the UK: each is a region of GB and, as a name on its own, the country GB. */
const UK_NATIONS = ['england', 'scotland', 'wales', 'northern ireland'];

/** Country names and common aliases (place keys) -> ISO 3166 alpha-2. */
const COUNTRIES: Record<string, string> = {
  'united states': 'US',
  'united states of america': 'US',
  usa: 'US',
  us: 'US',
  america: 'US',
  canada: 'CA',
  'united kingdom': 'GB',
  uk: 'GB',
  gb: 'GB',
  'great britain': 'GB',
  britain: 'GB',
  ireland: 'IE',
  germany: 'DE',
  deutschland: 'DE',
  france: 'FR',
  spain: 'ES',
  españa: 'ES',
  italy: 'IT',
  italia: 'IT',
  netherlands: 'NL',
  'the netherlands': 'NL',
  holland: 'NL',
  belgium: 'BE',
  switzerland: 'CH',
  austria: 'AT',
  portugal: 'PT',
  sweden: 'SE',
  norway: 'NO',
  denmark: 'DK',
  finland: 'FI',
  poland: 'PL',
  'czech republic': 'CZ',
  czechia: 'CZ',
  hungary: 'HU',
  romania: 'RO',
  greece: 'GR',
  turkey: 'TR',
  türkiye: 'TR',
  russia: 'RU',
  ukraine: 'UA',
  israel: 'IL',
  'united arab emirates': 'AE',
  uae: 'AE',
  'saudi arabia': 'SA',
  qatar: 'QA',
  egypt: 'EG',
  'south africa': 'ZA',
  nigeria: 'NG',
  kenya: 'KE',
  ghana: 'GH',
  morocco: 'MA',
  india: 'IN',
  pakistan: 'PK',
  bangladesh: 'BD',
  'sri lanka': 'LK',
  china: 'CN',
  'hong kong': 'HK',
  taiwan: 'TW',
  japan: 'JP',
  'south korea': 'KR',
  korea: 'KR',
  singapore: 'SG',
  malaysia: 'MY',
  indonesia: 'ID',
  philippines: 'PH',
  vietnam: 'VN',
  'viet nam': 'VN',
  thailand: 'TH',
  australia: 'AU',
  'new zealand': 'NZ',
  mexico: 'MX',
  méxico: 'MX',
  brazil: 'BR',
  brasil: 'BR',
  argentina: 'AR',
  chile: 'CL',
  colombia: 'CO',
  peru: 'PE',
  'costa rica': 'CR',
  luxembourg: 'LU',
  iceland: 'IS',
  estonia: 'EE',
  latvia: 'LV',
  lithuania: 'LT',
  croatia: 'HR',
  serbia: 'RS',
  slovenia: 'SI',
  slovakia: 'SK',
  bulgaria: 'BG',
};

/** Well-known cities (place keys) -> ISO country. */
const CITIES: Record<string, string> = {
  'new york': 'US',
  'new york city': 'US',
  nyc: 'US',
  'los angeles': 'US',
  'san francisco': 'US',
  chicago: 'US',
  houston: 'US',
  boston: 'US',
  seattle: 'US',
  austin: 'US',
  denver: 'US',
  atlanta: 'US',
  miami: 'US',
  dallas: 'US',
  phoenix: 'US',
  philadelphia: 'US',
  'san diego': 'US',
  'san jose': 'US',
  portland: 'US',
  nashville: 'US',
  minneapolis: 'US',
  detroit: 'US',
  pittsburgh: 'US',
  'salt lake city': 'US',
  columbus: 'US',
  charlotte: 'US',
  raleigh: 'US',
  baltimore: 'US',
  'kansas city': 'US',
  'st louis': 'US',
  orlando: 'US',
  tampa: 'US',
  cleveland: 'US',
  cincinnati: 'US',
  indianapolis: 'US',
  sacramento: 'US',
  'las vegas': 'US',
  milwaukee: 'US',
  toronto: 'CA',
  vancouver: 'CA',
  montreal: 'CA',
  montréal: 'CA',
  calgary: 'CA',
  ottawa: 'CA',
  edmonton: 'CA',
  winnipeg: 'CA',
  london: 'GB',
  manchester: 'GB',
  birmingham: 'GB',
  leeds: 'GB',
  glasgow: 'GB',
  edinburgh: 'GB',
  bristol: 'GB',
  liverpool: 'GB',
  cardiff: 'GB',
  belfast: 'GB',
  dublin: 'IE',
  cork: 'IE',
  berlin: 'DE',
  munich: 'DE',
  münchen: 'DE',
  hamburg: 'DE',
  frankfurt: 'DE',
  cologne: 'DE',
  köln: 'DE',
  stuttgart: 'DE',
  düsseldorf: 'DE',
  paris: 'FR',
  lyon: 'FR',
  marseille: 'FR',
  toulouse: 'FR',
  madrid: 'ES',
  barcelona: 'ES',
  valencia: 'ES',
  seville: 'ES',
  sevilla: 'ES',
  rome: 'IT',
  roma: 'IT',
  milan: 'IT',
  milano: 'IT',
  amsterdam: 'NL',
  rotterdam: 'NL',
  'the hague': 'NL',
  utrecht: 'NL',
  brussels: 'BE',
  zurich: 'CH',
  zürich: 'CH',
  geneva: 'CH',
  vienna: 'AT',
  wien: 'AT',
  lisbon: 'PT',
  lisboa: 'PT',
  porto: 'PT',
  stockholm: 'SE',
  oslo: 'NO',
  copenhagen: 'DK',
  helsinki: 'FI',
  warsaw: 'PL',
  kraków: 'PL',
  krakow: 'PL',
  prague: 'CZ',
  budapest: 'HU',
  bucharest: 'RO',
  athens: 'GR',
  istanbul: 'TR',
  kyiv: 'UA',
  kiev: 'UA',
  moscow: 'RU',
  'tel aviv': 'IL',
  dubai: 'AE',
  'abu dhabi': 'AE',
  riyadh: 'SA',
  doha: 'QA',
  cairo: 'EG',
  'cape town': 'ZA',
  johannesburg: 'ZA',
  lagos: 'NG',
  nairobi: 'KE',
  accra: 'GH',
  mumbai: 'IN',
  delhi: 'IN',
  'new delhi': 'IN',
  bangalore: 'IN',
  bengaluru: 'IN',
  hyderabad: 'IN',
  chennai: 'IN',
  pune: 'IN',
  kolkata: 'IN',
  karachi: 'PK',
  lahore: 'PK',
  dhaka: 'BD',
  beijing: 'CN',
  shanghai: 'CN',
  shenzhen: 'CN',
  guangzhou: 'CN',
  taipei: 'TW',
  tokyo: 'JP',
  osaka: 'JP',
  seoul: 'KR',
  'kuala lumpur': 'MY',
  jakarta: 'ID',
  manila: 'PH',
  hanoi: 'VN',
  'ho chi minh city': 'VN',
  bangkok: 'TH',
  sydney: 'AU',
  melbourne: 'AU',
  brisbane: 'AU',
  perth: 'AU',
  adelaide: 'AU',
  auckland: 'NZ',
  wellington: 'NZ',
  'mexico city': 'MX',
  guadalajara: 'MX',
  monterrey: 'MX',
  'são paulo': 'BR',
  'sao paulo': 'BR',
  'rio de janeiro': 'BR',
  'buenos aires': 'AR',
  santiago: 'CL',
  bogotá: 'CO',
  bogota: 'CO',
  lima: 'PE',
};

/** Nicknames of cities -> the city's name. */
const CITY_ALIASES: Record<string, string> = {
  nyc: 'new york',
  'new york city': 'new york',
  sf: 'san francisco',
  'washington dc': 'washington',
  philly: 'philadelphia',
};

/** A region of a country (lower-case name) and the country's ISO code. */
export interface Region {
  name: string;
  country: string;
}

const REGIONS_BY_CODE = new Map<string, Region>();
const REGIONS_BY_NAME = new Map<string, Region>(UK_NATIONS.map((name) => [name, { name, country: 'GB' }]));
for (const [table, country] of [
  [US_STATES, 'US'],
  [CA_PROVINCES, 'CA'],
] as const) {
  for (const [code, name] of Object.entries(table)) {
    const region = { name: name.toLowerCase(), country };
    REGIONS_BY_CODE.set(code.toLowerCase(), region);
    REGIONS_BY_NAME.set(region.name, region);
  }
}

/** How every table here is keyed: lower case, no periods, single spaces ("St. Louis" -> "st louis"). */
export function placeKey(name: string): string {
  return name.toLowerCase().replace(/\./g, '').replace(/\s+/g, ' ').trim();
}

/** ISO code of a country name or alias ("Deutschland" -> DE); a nation of the UK names GB. */
export function countryCode(name: string): string | null {
  const key = placeKey(name);
  return COUNTRIES[key] ?? (UK_NATIONS.includes(key) ? 'GB' : null);
}

/**
 * The US state, Canadian province or nation of the UK a name stands for. Two-letter codes ("TX",
 * "ON") only when `codes` is set: alone, "IN" or "OR" are more often words than states.
 */
export function regionOf(name: string, options: { codes?: boolean } = {}): Region | null {
  const key = placeKey(name);
  return REGIONS_BY_NAME.get(key) ?? (options.codes ? (REGIONS_BY_CODE.get(key) ?? null) : null);
}

/** A city's usual name for a nickname ("NYC" -> "new york"), else its place key. */
export function cityName(name: string): string {
  const key = placeKey(name);
  return CITY_ALIASES[key] ?? key;
}

/** The country of a well-known city ("Sydney" -> AU), or null. */
export function countryOfCity(name: string): string | null {
  return CITIES[placeKey(name)] ?? null;
}

const ENGLISH_COUNTRY_NAMES = new Intl.DisplayNames(['en'], { type: 'region' });

/** English name of an ISO country ("GB" -> "United Kingdom"), from the ICU data Node ships. */
export function countryName(code: string): string {
  return ENGLISH_COUNTRY_NAMES.of(code) ?? code;
}
