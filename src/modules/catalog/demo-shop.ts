// One demo store or product as a shop would show it (seedCatalog's `demo` option), drawn from the
// vocabularies in demo-look.ts with the seed's own random sequence, so the same seed gives the same shop.
import type { Art } from './demo-art.ts';
import {
  DEMO_BRANDS,
  DEMO_COLOURS,
  DEMO_KINDS,
  DEMO_STORE_FIRST,
  DEMO_STORE_LAST,
  DEMO_STORE_SPECIALITIES,
  DEMO_STORE_STORIES,
} from './demo-look.ts';
import { PHRASES } from './demo-data.ts';

type Random = () => number;
const pickWith = <T>(random: Random, list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });
const SLUGS = Object.keys(DEMO_KINDS);

/** A store's name (unique among `taken`), its story and the one or two categories it sells. */
export function demoStore(random: Random, country: string, taken: Set<string>) {
  let name = `${pickWith(random, DEMO_STORE_FIRST)} ${pickWith(random, DEMO_STORE_LAST)}`;
  for (let n = 2; taken.has(name); n++) name = `${name.replace(/ \d+$/, '')} ${n}`;
  taken.add(name);
  const sells = [pickWith(random, SLUGS)];
  if (random() < 0.5)
    sells.push(
      pickWith(
        random,
        SLUGS.filter((s) => s !== sells[0]),
      ),
    );
  const place = regionNames.of(country) ?? country;
  const story = pickWith(random, DEMO_STORE_STORIES)
    .replace('{place}', place)
    .replace('{year}', String(1985 + Math.floor(random() * 38)));
  const what = sells.map((s) => DEMO_STORE_SPECIALITIES[s]).join(' and ');
  return { name, description: `${what[0]!.toUpperCase()}${what.slice(1)}. ${story}`, sells };
}

/** One variant of a demo product: its option's value, its price as a share of the product's, its stock. */
export type DemoVariant = { value: string; priceFactor: number; stock: number };

/** The share of the products of a kind that usually comes in options (clothing sizes, phone storage…) sold in them. */
const WITH_OPTIONS = 0.75;

/**
 * The sizes a product with options comes in (decision 051): a run of two or more of its kind's,
 * each priced its `extra` above the first; some sizes sold out, as in a shop.
 */
function demoVariants(random: Random, sizes: readonly string[], extra: readonly number[]): DemoVariant[] {
  const count = sizes.length <= 2 ? sizes.length : 2 + Math.floor(random() * (sizes.length - 1));
  const first = Math.floor(random() * (sizes.length - count + 1));
  return sizes.slice(first, first + count).map((value, i) => ({
    value,
    priceFactor: 1 + ((extra[first + i] ?? 0) - (extra[first] ?? 0)) / 100,
    stock: random() < 0.15 ? 0 : 1 + Math.floor(random() * 40),
  }));
}

/** A product of a category: its title and description, the kind of picture and one or two pictures of it, its options if it has some. */
export function demoProduct(random: Random, category: string) {
  const kinds = DEMO_KINDS[category];
  if (!kinds) throw new Error(`no demo vocabulary for category ${category}`);
  const kind = pickWith(random, kinds);
  const brand = pickWith(random, DEMO_BRANDS[category] ?? ['Souk']);
  const name = pickWith(random, kind.names);
  const [colourName, colour] = pickWith(random, DEMO_COLOURS);
  const options =
    kind.option && kind.sizes && random() < WITH_OPTIONS
      ? { name: kind.option.name, variants: demoVariants(random, kind.sizes, kind.option.extra) }
      : null;
  // Sold in sizes, the product's title names none of them.
  const size = kind.sizes && !options ? pickWith(random, kind.sizes) : null;
  const title = `${brand} ${name}${size ? `, ${size}` : ''}${kind.coloured === false ? '' : ` – ${colourName}`}`;
  const style = Math.floor(random() * 4);
  const arts: Art[] = [{ colour, style }];
  if (random() < 0.4) arts.push({ colour, style: (style + 1) % 4 });
  const description =
    `${name} by ${brand}${kind.coloured === false ? '' : `, in ${colourName.toLowerCase()}`}${size ? ` (${size})` : ''}.\n\n` +
    `${pickWith(random, PHRASES)} ${pickWith(random, PHRASES)}`;
  return { title, description, art: kind.art, arts, options };
}
