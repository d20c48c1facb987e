/** Small geography tables: enough to recognise a location line and the country it implies. */

export const US_STATES: Record<string, string> = {
  AL: 'Alabama', AK: 'Alaska', AZ: 'Arizona', AR: 'Arkansas', CA: 'California', CO: 'Colorado', CT: 'Connecticut',
  DE: 'Delaware', FL: 'Florida', GA: 'Georgia', HI: 'Hawaii', ID: 'Idaho', IL: 'Illinois', IN: 'Indiana', IA: 'Iowa',
  KS: 'Kansas', KY: 'Kentucky', LA: 'Louisiana', ME: 'Maine', MD: 'Maryland', MA: 'Massachusetts', MI: 'Michigan',
  MN: 'Minnesota', MS: 'Mississippi', MO: 'Missouri', MT: 'Montana', NE: 'Nebraska', NV: 'Nevada', NH: 'New Hampshire',
  NJ: 'New Jersey', NM: 'New Mexico', NY: 'New York', NC: 'North Carolina', ND: 'North Dakota', OH: 'Ohio',
  OK: 'Oklahoma', OR: 'Oregon', PA: 'Pennsylvania', RI: 'Rhode Island', SC: 'South Carolina', SD: 'South Dakota',
  TN: 'Tennessee', TX: 'Texas', UT: 'Utah', VT: 'Vermont', VA: 'Virginia', WA: 'Washington', WV: 'West Virginia',
  WI: 'Wisconsin', WY: 'Wyoming', DC: 'District of Columbia', PR: 'Puerto Rico',
};
export const CA_PROVINCES: Record<string, string> = {
  AB: 'Alberta', BC: 'British Columbia', MB: 'Manitoba', NB: 'New Brunswick', NL: 'Newfoundland and Labrador',
  NS: 'Nova Scotia', NT: 'Northwest Territories', NU: 'Nunavut', ON: 'Ontario', PE: 'Prince Edward Island',
  QC: 'Quebec', SK: 'Saskatchewan', YT: 'Yukon',
};

/** country name / common alias (lowercase) -> ISO 3166 alpha-2 */
export const COUNTRIES: Record<string, string> = {
  'united states': 'US', 'united states of america': 'US', usa: 'US', 'u.s.a.': 'US', 'u.s.': 'US', us: 'US', america: 'US',
  canada: 'CA', 'united kingdom': 'GB', uk: 'GB', 'u.k.': 'GB', england: 'GB', scotland: 'GB', wales: 'GB',
  'northern ireland': 'GB', 'great britain': 'GB', britain: 'GB', ireland: 'IE', germany: 'DE', deutschland: 'DE',
  france: 'FR', spain: 'ES', españa: 'ES', italy: 'IT', italia: 'IT', netherlands: 'NL', 'the netherlands': 'NL',
  holland: 'NL', belgium: 'BE', switzerland: 'CH', austria: 'AT', portugal: 'PT', sweden: 'SE', norway: 'NO',
  denmark: 'DK', finland: 'FI', poland: 'PL', 'czech republic': 'CZ', czechia: 'CZ', hungary: 'HU', romania: 'RO',
  greece: 'GR', turkey: 'TR', türkiye: 'TR', russia: 'RU', ukraine: 'UA', israel: 'IL', 'united arab emirates': 'AE',
  uae: 'AE', 'saudi arabia': 'SA', qatar: 'QA', egypt: 'EG', 'south africa': 'ZA', nigeria: 'NG', kenya: 'KE',
  ghana: 'GH', morocco: 'MA', india: 'IN', pakistan: 'PK', bangladesh: 'BD', 'sri lanka': 'LK', china: 'CN',
  'hong kong': 'HK', taiwan: 'TW', japan: 'JP', 'south korea': 'KR', korea: 'KR', singapore: 'SG', malaysia: 'MY',
  indonesia: 'ID', philippines: 'PH', vietnam: 'VN', 'viet nam': 'VN', thailand: 'TH', australia: 'AU',
  'new zealand': 'NZ', mexico: 'MX', méxico: 'MX', brazil: 'BR', brasil: 'BR', argentina: 'AR', chile: 'CL',
  colombia: 'CO', peru: 'PE', 'costa rica': 'CR', luxembourg: 'LU', iceland: 'IS', estonia: 'EE', latvia: 'LV',
  lithuania: 'LT', croatia: 'HR', serbia: 'RS', slovenia: 'SI', slovakia: 'SK', bulgaria: 'BG',
};

/** ISO country -> [calling code, national trunk prefix dropped in E.164 ('' = none)] */
export const CALLING_CODES: Record<string, [string, string]> = {
  US: ['1', ''], CA: ['1', ''], PR: ['1', ''], GB: ['44', '0'], IE: ['353', '0'], DE: ['49', '0'], FR: ['33', '0'],
  ES: ['34', ''], IT: ['39', ''], NL: ['31', '0'], BE: ['32', '0'], CH: ['41', '0'], AT: ['43', '0'], PT: ['351', ''],
  SE: ['46', '0'], NO: ['47', ''], DK: ['45', ''], FI: ['358', '0'], PL: ['48', ''], CZ: ['420', ''], HU: ['36', '06'],
  RO: ['40', '0'], GR: ['30', ''], TR: ['90', '0'], RU: ['7', '8'], UA: ['380', '0'], IL: ['972', '0'], AE: ['971', '0'],
  SA: ['966', '0'], QA: ['974', ''], EG: ['20', '0'], ZA: ['27', '0'], NG: ['234', '0'], KE: ['254', '0'], GH: ['233', '0'],
  MA: ['212', '0'], IN: ['91', '0'], PK: ['92', '0'], BD: ['880', '0'], LK: ['94', '0'], CN: ['86', '0'], HK: ['852', ''],
  TW: ['886', '0'], JP: ['81', '0'], KR: ['82', '0'], SG: ['65', ''], MY: ['60', '0'], ID: ['62', '0'], PH: ['63', '0'],
  VN: ['84', '0'], TH: ['66', '0'], AU: ['61', '0'], NZ: ['64', '0'], MX: ['52', ''], BR: ['55', '0'], AR: ['54', '0'],
  CL: ['56', ''], CO: ['57', ''], PE: ['51', '0'], CR: ['506', ''], LU: ['352', ''], IS: ['354', ''], EE: ['372', ''],
  LV: ['371', ''], LT: ['370', '8'], HR: ['385', '0'], RS: ['381', '0'], SI: ['386', '0'], SK: ['421', '0'], BG: ['359', '0'],
};

/** well-known cities (lowercase) -> ISO country */
export const CITIES: Record<string, string> = {
  'new york': 'US', 'new york city': 'US', nyc: 'US', 'los angeles': 'US', 'san francisco': 'US', chicago: 'US',
  houston: 'US', boston: 'US', seattle: 'US', austin: 'US', denver: 'US', atlanta: 'US', miami: 'US', dallas: 'US',
  phoenix: 'US', philadelphia: 'US', 'san diego': 'US', 'san jose': 'US', portland: 'US', nashville: 'US',
  minneapolis: 'US', detroit: 'US', pittsburgh: 'US', 'salt lake city': 'US', 'washington, d.c.': 'US', columbus: 'US',
  charlotte: 'US', raleigh: 'US', baltimore: 'US', 'kansas city': 'US', 'st. louis': 'US', orlando: 'US', tampa: 'US',
  cleveland: 'US', cincinnati: 'US', indianapolis: 'US', sacramento: 'US', 'las vegas': 'US', milwaukee: 'US',
  toronto: 'CA', vancouver: 'CA', montreal: 'CA', montréal: 'CA', calgary: 'CA', ottawa: 'CA', edmonton: 'CA',
  winnipeg: 'CA', london: 'GB', manchester: 'GB', birmingham: 'GB', leeds: 'GB', glasgow: 'GB', edinburgh: 'GB',
  bristol: 'GB', liverpool: 'GB', cardiff: 'GB', belfast: 'GB', dublin: 'IE', cork: 'IE', berlin: 'DE', munich: 'DE',
  münchen: 'DE', hamburg: 'DE', frankfurt: 'DE', cologne: 'DE', köln: 'DE', stuttgart: 'DE', düsseldorf: 'DE',
  paris: 'FR', lyon: 'FR', marseille: 'FR', toulouse: 'FR', madrid: 'ES', barcelona: 'ES', valencia: 'ES',
  seville: 'ES', sevilla: 'ES', rome: 'IT', roma: 'IT', milan: 'IT', milano: 'IT', amsterdam: 'NL', rotterdam: 'NL',
  'the hague': 'NL', utrecht: 'NL', brussels: 'BE', zurich: 'CH', zürich: 'CH', geneva: 'CH', vienna: 'AT', wien: 'AT',
  lisbon: 'PT', lisboa: 'PT', porto: 'PT', stockholm: 'SE', oslo: 'NO', copenhagen: 'DK', helsinki: 'FI',
  warsaw: 'PL', kraków: 'PL', krakow: 'PL', prague: 'CZ', budapest: 'HU', bucharest: 'RO', athens: 'GR',
  istanbul: 'TR', kyiv: 'UA', kiev: 'UA', moscow: 'RU', 'tel aviv': 'IL', dubai: 'AE', 'abu dhabi': 'AE',
  riyadh: 'SA', doha: 'QA', cairo: 'EG', 'cape town': 'ZA', johannesburg: 'ZA', lagos: 'NG', nairobi: 'KE',
  accra: 'GH', mumbai: 'IN', delhi: 'IN', 'new delhi': 'IN', bangalore: 'IN', bengaluru: 'IN', hyderabad: 'IN',
  chennai: 'IN', pune: 'IN', kolkata: 'IN', karachi: 'PK', lahore: 'PK', dhaka: 'BD', beijing: 'CN', shanghai: 'CN',
  shenzhen: 'CN', guangzhou: 'CN', taipei: 'TW', tokyo: 'JP', osaka: 'JP', seoul: 'KR', 'kuala lumpur': 'MY',
  jakarta: 'ID', manila: 'PH', hanoi: 'VN', 'ho chi minh city': 'VN', bangkok: 'TH', sydney: 'AU', melbourne: 'AU',
  brisbane: 'AU', perth: 'AU', adelaide: 'AU', auckland: 'NZ', wellington: 'NZ', 'mexico city': 'MX',
  guadalajara: 'MX', monterrey: 'MX', 'são paulo': 'BR', 'sao paulo': 'BR', 'rio de janeiro': 'BR',
  'buenos aires': 'AR', santiago: 'CL', bogotá: 'CO', bogota: 'CO', lima: 'PE',
};

const US_NAMES = new Map(Object.entries(US_STATES).map(([k, v]) => [v.toLowerCase(), k]));
const CA_NAMES = new Map(Object.entries(CA_PROVINCES).map(([k, v]) => [v.toLowerCase(), k]));

/** ISO country implied by a location string ("Austin, TX", "London, UK", "Berlin"), or null. */
export function countryOfLocation(location: string | null | undefined): string | null {
  if (!location) return null;
  const parts = location
    .split(/[,|/]|\s{2,}/)
    .map((p) => p.trim().replace(/\s+\d[\d\s-]*$/, '').replace(/\.$/, ''))
    .filter(Boolean);
  for (let i = parts.length - 1; i >= 0; i--) {
    const p = parts[i]!;
    const low = p.toLowerCase();
    if (COUNTRIES[low]) return COUNTRIES[low]!;
    if (i > 0 && /^[A-Z]{2}$/.test(p)) {
      if (US_STATES[p]) return 'US';
      if (CA_PROVINCES[p]) return 'CA';
    }
    if (US_NAMES.has(low) && i > 0) return 'US';
    if (CA_NAMES.has(low)) return 'CA';
  }
  for (const p of parts) {
    const c = CITIES[p.toLowerCase()];
    if (c) return c;
  }
  return null;
}
