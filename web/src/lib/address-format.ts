// Postal addresses laid out as each country's post expects them (issue 20): "Portland, OR 97201"
// in the United States, "SW1A 1AA" on its own line in the United Kingdom, "75001 Paris" in France.
// The layouts follow the Unicode/Google address data (libaddressinput's `fmt`, Latin order), reduced
// to the fields Souk keeps: %A street lines, %C city, %S region, %Z postal code, %n a new line.

type AddressParts = {
  fullName: string;
  line1: string;
  line2: string | null;
  city: string;
  region: string | null;
  postalCode: string | null;
  country: string;
};

/** Countries whose layout is not "%Z %C" with the region on a line of its own. */
const LAYOUTS: Record<string, string> = {
  US: '%C, %S %Z',
  CA: '%C %S %Z',
  AU: '%C %S %Z',
  GB: '%C%n%Z',
  IE: '%C%n%S%n%Z',
  IT: '%Z %C %S',
  ES: '%Z %C %S',
  MX: '%Z %C, %S',
  BR: '%C-%S%n%Z',
  AR: '%Z %C%n%S',
  JP: '%S%n%C, %Z',
  CN: '%C%n%S, %Z',
  KR: '%C%n%S%n%Z',
  IN: '%C %Z%n%S',
  RU: '%C%n%S%n%Z',
  ZA: '%C%n%Z',
  NZ: '%C %Z',
  SG: 'SINGAPORE %Z',
  HK: '%C%n%S',
  TR: '%Z %C/%S',
  AE: '%S',
  SA: '%C %Z',
  EG: '%C%n%S%n%Z',
  TW: '%C, %S %Z',
  TH: '%C%n%S %Z',
  MY: '%Z %C%n%S',
  ID: '%C%n%S %Z',
  PH: '%C, %Z%n%S',
  VN: '%C%n%S %Z',
  UA: '%C%n%S%n%Z',
  CL: '%Z %C%n%S',
  CO: '%C, %S, %Z',
  PE: '%C %Z%n%S',
  NG: '%Z%n%C, %S',
  KE: '%C%n%Z',
};
const DEFAULT_LAYOUT = '%Z %C%n%S';

/**
 * The address as lines, in the country's order: the name, the street lines, the country's
 * city/region/postal-code lines (parts a person left empty vanish with their separators), then
 * the country's name. Values are text, never markup.
 */
export function addressLines(address: AddressParts, countryName: string): string[] {
  const values: Record<string, string> = {
    C: address.city.trim(),
    S: (address.region ?? '').trim(),
    Z: (address.postalCode ?? '').trim(),
  };
  const layout = LAYOUTS[address.country] ?? DEFAULT_LAYOUT;
  const placeLines = layout.split('%n').map((line) =>
    line
      .replace(/%([CSZ])/g, (_, field: string) => values[field] ?? '')
      // Separators left beside an empty part: ", " at either end, "-" or "/" with nothing after.
      .replace(/^[\s,/-]+|[\s,/-]+$/g, '')
      .replace(/\s*,\s*,\s*/g, ', ')
      .replace(/\s{2,}/g, ' '),
  );
  return [address.fullName, address.line1, address.line2 ?? '', ...placeLines, countryName]
    .map((line) => line.trim())
    .filter((line) => line !== '');
}
