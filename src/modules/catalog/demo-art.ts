// Illustrations of the demo catalog's products, one drawing per kind of product (a phone, a mug, a
// shirt…) in the product's colour, as SVG on a 400×400 canvas. No text, so no fonts are needed to
// rasterise them (demo-images.ts). A variant is a colour and a style: the same kind in another
// colour, or with a pattern, a second tone or a tilt, so items of one kind differ.

export type Art = { colour: string; style: number };
type Draw = (c: string, dark: string, light: string, style: number) => string;

/** A colour made darker (f < 0) or lighter (f > 0), f in -1..1. */
export function shade(hex: string, f: number): string {
  const n = Number.parseInt(hex.slice(1), 16);
  const mix = (v: number) => Math.round(f < 0 ? v * (1 + f) : v + (255 - v) * f);
  const [r, g, b] = [mix(n >> 16), mix((n >> 8) & 255), mix(n & 255)];
  return `#${((1 << 24) | (r << 16) | (g << 8) | b).toString(16).slice(1)}`;
}

const stripes = (x: number, y: number, w: number, h: number, colour: string) =>
  Array.from(
    { length: Math.floor(h / 24) },
    (_, i) => `<rect x="${x}" y="${y + 12 + i * 24}" width="${w}" height="8" fill="${colour}" opacity="0.5"/>`,
  ).join('');

const DRAWINGS: Record<string, Draw> = {
  // Electronics
  phone: (c, d, l, s) =>
    `<rect x="130" y="60" width="140" height="280" rx="26" fill="${d}"/><rect x="140" y="82" width="120" height="236" rx="10" fill="${s ? l : '#1f2937'}"/>` +
    `<circle cx="200" cy="72" r="4" fill="#111"/>` +
    Array.from(
      { length: 12 },
      (_, i) =>
        `<rect x="${152 + (i % 3) * 36}" y="${100 + Math.floor(i / 3) * 40}" width="24" height="24" rx="6" fill="${i % 2 ? c : shade(c, 0.4)}"/>`,
    ).join(''),
  headphones: (c, d, l, s) =>
    `<path d="M110 230 V190 a90 90 0 0 1 180 0 V230" fill="none" stroke="${d}" stroke-width="18" stroke-linecap="round"/>` +
    `<rect x="86" y="200" width="56" height="100" rx="24" fill="${c}"/><rect x="258" y="200" width="56" height="100" rx="24" fill="${c}"/>` +
    `<rect x="126" y="214" width="22" height="72" rx="10" fill="${s ? l : d}"/><rect x="252" y="214" width="22" height="72" rx="10" fill="${s ? l : d}"/>`,
  speaker: (c, d, l, s) =>
    `<rect x="120" y="70" width="160" height="260" rx="${s ? 80 : 30}" fill="${c}"/>` +
    `<circle cx="200" cy="250" r="50" fill="${d}"/><circle cx="200" cy="250" r="22" fill="${l}"/><circle cx="200" cy="140" r="26" fill="${d}"/><circle cx="200" cy="140" r="10" fill="${l}"/>`,
  watch: (c, d, l, s) =>
    `<rect x="160" y="40" width="80" height="320" rx="20" fill="${c}"/><rect x="130" y="130" width="140" height="140" rx="${s ? 70 : 34}" fill="${d}"/>` +
    `<rect x="144" y="144" width="112" height="112" rx="${s ? 56 : 24}" fill="#111827"/>` +
    `<path d="M200 200 V160 M200 200 L228 214" stroke="${l}" stroke-width="6" stroke-linecap="round"/>`,
  // Beauty
  serum: (c, d, l) =>
    `<rect x="150" y="150" width="100" height="190" rx="18" fill="${c}" opacity="0.9"/><rect x="165" y="200" width="70" height="80" rx="6" fill="${l}"/>` +
    `<rect x="172" y="112" width="56" height="44" rx="6" fill="${d}"/><ellipse cx="200" cy="94" rx="24" ry="30" fill="#111827"/>`,
  cream: (c, d, l, s) =>
    `<rect x="110" y="200" width="180" height="110" rx="22" fill="${s ? l : '#f9fafb'}"/><rect x="102" y="160" width="196" height="56" rx="16" fill="${c}"/>` +
    `<rect x="140" y="240" width="120" height="34" rx="8" fill="${d}" opacity="0.6"/>`,
  lipstick: (c, d) =>
    `<rect x="160" y="210" width="80" height="130" rx="10" fill="#d1a54a"/><rect x="168" y="180" width="64" height="40" fill="#b08935"/>` +
    `<path d="M172 180 V110 L228 84 V180 Z" fill="${c}"/><rect x="160" y="290" width="80" height="10" fill="${d}"/>`,
  perfume: (c, d, l, s) =>
    `<rect x="180" y="96" width="40" height="36" fill="#d1a54a"/><rect x="168" y="72" width="64" height="30" rx="${s ? 15 : 4}" fill="${d}"/>` +
    `<path d="M120 140 H280 L300 320 Q200 350 100 320 Z" fill="${c}" opacity="0.85"/><path d="M140 160 H200 L190 300 H128 Z" fill="${l}" opacity="0.5"/>`,
  // Clothing
  tshirt: (c, d, l, s) =>
    `<path d="M150 70 L90 100 L60 170 L110 190 L120 160 V330 H280 V160 L290 190 L340 170 L310 100 L250 70 Q200 110 150 70 Z" fill="${c}"/>` +
    (s ? stripes(120, 150, 160, 170, l) : '') +
    `<path d="M150 70 Q200 110 250 70" fill="none" stroke="${d}" stroke-width="8"/>`,
  shirt: (c, d, l, s) =>
    `<path d="M150 70 L90 100 L70 320 L112 324 L122 170 V340 H278 V170 L288 324 L330 320 L310 100 L250 70 Z" fill="${c}"/>` +
    (s ? stripes(122, 120, 156, 210, l) : '') +
    `<path d="M150 70 L200 120 L250 70 L230 60 L200 90 L170 60 Z" fill="${l}"/><line x1="200" y1="120" x2="200" y2="340" stroke="${d}" stroke-width="4"/>` +
    [150, 190, 230, 270, 310].map((y) => `<circle cx="212" cy="${y}" r="5" fill="${d}"/>`).join(''),
  dress: (c, d, l, s) =>
    `<path d="M165 60 L150 150 L90 340 H310 L250 150 L235 60 Q200 90 165 60 Z" fill="${c}"/><rect x="150" y="150" width="100" height="18" fill="${d}"/>` +
    (s
      ? [200, 250, 300]
          .map(
            (y) =>
              `<circle cx="${150 + (y % 7) * 10}" cy="${y}" r="10" fill="${l}"/><circle cx="${240 - (y % 5) * 8}" cy="${y + 10}" r="8" fill="${l}"/>`,
          )
          .join('')
      : ''),
  trousers: (c, d, l) =>
    `<path d="M130 60 H270 L300 340 H220 L200 160 L180 340 H100 Z" fill="${c}"/><rect x="130" y="60" width="140" height="22" fill="${d}"/>` +
    `<path d="M200 82 V150" stroke="${l}" stroke-width="4"/>`,
  // Home & Kitchen
  mug: (c, d, l, s) =>
    `<path d="M270 170 a46 46 0 0 1 0 92" fill="none" stroke="${d}" stroke-width="20"/><rect x="110" y="140" width="170" height="190" rx="20" fill="${c}"/>` +
    (s
      ? `<rect x="110" y="200" width="170" height="40" fill="${l}"/>`
      : `<circle cx="195" cy="235" r="30" fill="${l}"/>`) +
    `<path d="M160 120 q-12 -20 0 -40 M200 120 q-12 -20 0 -40 M240 120 q-12 -20 0 -40" fill="none" stroke="#9ca3af" stroke-width="6" stroke-linecap="round"/>`,
  teapot: (c, d, l) =>
    `<path d="M110 240 L60 170 L76 164 L130 220 Z" fill="${d}"/><path d="M290 200 a44 44 0 0 1 0 88" fill="none" stroke="${d}" stroke-width="16"/>` +
    `<ellipse cx="200" cy="250" rx="100" ry="84" fill="${c}"/><rect x="150" y="170" width="100" height="18" rx="8" fill="${d}"/><circle cx="200" cy="156" r="16" fill="${d}"/>` +
    `<path d="M130 260 Q200 290 270 260" fill="none" stroke="${l}" stroke-width="8"/>`,
  pan: (c, d, l, s) =>
    `<rect x="250" y="${s ? 190 : 196}" width="130" height="22" rx="10" fill="${s ? '#7c4a23' : d}"/>` +
    `<circle cx="170" cy="200" r="120" fill="${d}"/><circle cx="170" cy="200" r="100" fill="${c}"/><circle cx="170" cy="200" r="70" fill="${l}" opacity="0.25"/>`,
  candle: (c, d, l) =>
    `<rect x="130" y="160" width="140" height="180" rx="14" fill="${c}" opacity="0.9"/><rect x="130" y="220" width="140" height="60" fill="${l}"/>` +
    `<rect x="197" y="128" width="6" height="34" fill="#111"/><path d="M200 70 Q222 110 200 132 Q178 110 200 70 Z" fill="#f59e0b"/><path d="M200 96 Q210 114 200 126 Q190 114 200 96 Z" fill="#fde68a"/>` +
    `<rect x="130" y="160" width="140" height="14" fill="${d}"/>`,
  // Sports & Outdoors
  bottle: (c, d, l, s) =>
    `<rect x="176" y="50" width="48" height="40" rx="8" fill="${d}"/><path d="M160 100 Q200 80 240 100 V330 Q200 350 160 330 Z" fill="${c}"/>` +
    (s
      ? `<rect x="160" y="170" width="80" height="90" fill="${l}"/>`
      : `<path d="M160 200 L240 160 V200 L160 240 Z" fill="${l}"/>`),
  backpack: (c, d, l) =>
    `<path d="M140 110 Q140 60 200 60 Q260 60 260 110" fill="none" stroke="${d}" stroke-width="14"/><rect x="110" y="100" width="180" height="240" rx="40" fill="${c}"/>` +
    `<rect x="140" y="220" width="120" height="90" rx="18" fill="${d}"/><rect x="140" y="220" width="120" height="16" rx="6" fill="${l}"/><rect x="150" y="130" width="100" height="10" rx="5" fill="${l}"/>`,
  shoe: (c, d, l, s) =>
    `<path d="M70 280 V200 Q110 200 140 160 L200 170 Q230 230 330 240 Q350 250 350 280 Z" fill="${c}"/><rect x="64" y="276" width="292" height="26" rx="12" fill="${s ? '#f3f4f6' : d}"/>` +
    `<path d="M150 180 L180 200 M140 196 L172 214 M130 210 L162 228" stroke="${l}" stroke-width="6" stroke-linecap="round"/>`,
  mat: (c, d, l) =>
    `<rect x="60" y="250" width="280" height="50" rx="8" fill="${c}"/><circle cx="300" cy="210" r="70" fill="${d}"/><circle cx="300" cy="210" r="52" fill="${c}"/><circle cx="300" cy="210" r="30" fill="${d}"/><circle cx="300" cy="210" r="12" fill="${l}"/>`,
  // Toys & Games
  blocks: (c, d, l) =>
    `<rect x="80" y="230" width="110" height="110" rx="10" fill="${c}"/><rect x="210" y="230" width="110" height="110" rx="10" fill="${d}"/><rect x="145" y="110" width="110" height="110" rx="10" fill="${l}"/>` +
    `<circle cx="135" cy="285" r="24" fill="${l}"/><path d="M240 310 L265 255 L290 310 Z" fill="${l}"/><rect x="180" y="145" width="40" height="40" fill="${c}"/>`,
  plush: (c, d, l) =>
    `<circle cx="140" cy="110" r="34" fill="${c}"/><circle cx="260" cy="110" r="34" fill="${c}"/><circle cx="200" cy="160" r="80" fill="${c}"/><ellipse cx="200" cy="290" rx="90" ry="70" fill="${c}"/>` +
    `<ellipse cx="200" cy="190" rx="34" ry="24" fill="${l}"/><circle cx="172" cy="146" r="8" fill="#111"/><circle cx="228" cy="146" r="8" fill="#111"/><circle cx="200" cy="182" r="9" fill="${d}"/>`,
  kite: (c, d, l) =>
    `<path d="M200 40 L290 150 L200 290 L110 150 Z" fill="${c}"/><path d="M200 40 L200 290 M110 150 L290 150" stroke="${d}" stroke-width="5"/><path d="M200 40 L290 150 L200 150 Z" fill="${l}"/>` +
    `<path d="M200 290 Q170 320 200 340 Q230 360 200 380" fill="none" stroke="${d}" stroke-width="4"/>`,
  game: (c, d, l) =>
    `<rect x="70" y="100" width="260" height="220" rx="14" fill="${c}"/><rect x="100" y="130" width="200" height="160" fill="${l}"/>` +
    Array.from(
      { length: 16 },
      (_, i) =>
        `<rect x="${100 + (i % 4) * 50}" y="${130 + Math.floor(i / 4) * 40}" width="50" height="40" fill="${(i + Math.floor(i / 4)) % 2 ? d : l}"/>`,
    ).join('') +
    `<circle cx="175" cy="210" r="14" fill="#f9fafb"/><circle cx="275" cy="250" r="14" fill="#111827"/>`,
  // Books
  book: (c, d, l, s) =>
    `<rect x="120" y="60" width="180" height="270" rx="6" fill="${c}"/><rect x="120" y="60" width="24" height="270" fill="${d}"/>` +
    `<rect x="165" y="110" width="110" height="${s ? 60 : 12}" rx="4" fill="${l}"/><rect x="165" y="${s ? 190 : 140}" width="80" height="10" rx="4" fill="${l}"/>` +
    `<rect x="126" y="330" width="174" height="12" fill="#f3f4f6"/>`,
  books: (c, d, l) =>
    `<rect x="90" y="270" width="220" height="50" rx="4" fill="${c}"/><rect x="110" y="220" width="190" height="50" rx="4" fill="${d}"/><rect x="100" y="170" width="200" height="50" rx="4" fill="${l}"/>` +
    `<rect x="100" y="290" width="160" height="8" fill="${l}"/><rect x="124" y="240" width="140" height="8" fill="${l}"/><rect x="112" y="190" width="150" height="8" fill="${c}"/>`,
  openbook: (c, d, l) =>
    `<path d="M60 120 Q130 100 200 130 Q270 100 340 120 V320 Q270 300 200 330 Q130 300 60 320 Z" fill="${c}"/>` +
    `<path d="M74 130 Q135 116 196 142 V312 Q135 290 74 306 Z M204 142 Q265 116 326 130 V306 Q265 290 204 312 Z" fill="#fafaf9"/>` +
    [170, 200, 230, 260]
      .map(
        (y) =>
          `<path d="M92 ${y} Q135 ${y - 10} 180 ${y + 6} M220 ${y + 6} Q265 ${y - 10} 308 ${y}" stroke="${l}" stroke-width="6" fill="none"/>`,
      )
      .join('') +
    `<line x1="200" y1="130" x2="200" y2="330" stroke="${d}" stroke-width="4"/>`,
  // Grocery
  honey: (c, d, l) =>
    `<rect x="130" y="150" width="140" height="180" rx="30" fill="#f59e0b" opacity="0.9"/><rect x="124" y="110" width="152" height="46" rx="10" fill="${c}"/>` +
    `<rect x="150" y="200" width="100" height="70" rx="8" fill="${l}"/><path d="M124 130 H276" stroke="${d}" stroke-width="6"/>`,
  bag: (c, d, l, s) =>
    `<path d="M120 110 L150 80 H250 L280 110 L300 340 H100 Z" fill="${c}"/><path d="M150 80 L160 110 H240 L250 80" fill="${d}"/>` +
    `<rect x="140" y="170" width="120" height="110" rx="10" fill="${l}"/>` +
    (s
      ? `<ellipse cx="200" cy="225" rx="26" ry="38" fill="#6b3d1e"/><path d="M200 190 Q188 225 200 262" stroke="${l}" stroke-width="5" fill="none"/>`
      : `<circle cx="200" cy="225" r="30" fill="${d}"/>`),
  oil: (c, d, l) =>
    `<rect x="184" y="50" width="32" height="30" fill="${d}"/><path d="M184 80 H216 V130 Q260 150 260 200 V330 H140 V200 Q140 150 184 130 Z" fill="#a3a635" opacity="0.9"/>` +
    `<rect x="150" y="220" width="100" height="80" rx="6" fill="${l}"/><ellipse cx="200" cy="260" rx="20" ry="12" fill="${c}"/>`,
  tin: (c, d, l, s) =>
    `<rect x="120" y="120" width="160" height="210" rx="12" fill="${c}"/><rect x="112" y="96" width="176" height="40" rx="10" fill="${d}"/>` +
    (s
      ? stripes(120, 150, 160, 170, l)
      : `<circle cx="200" cy="230" r="50" fill="${l}"/><path d="M180 230 Q200 190 220 230 Q200 270 180 230 Z" fill="#4d7c0f"/>`),
  // Jewelry
  ring: (c, _d, l) =>
    `<circle cx="200" cy="230" r="100" fill="none" stroke="#d4a017" stroke-width="24"/><circle cx="200" cy="230" r="100" fill="none" stroke="#fde68a" stroke-width="6"/>` +
    `<path d="M160 130 L180 100 H220 L240 130 L200 170 Z" fill="${c}"/><path d="M180 100 L200 130 L220 100 M160 130 H240" stroke="${l}" stroke-width="3" fill="none"/>`,
  necklace: (c, d, l) =>
    `<path d="M90 70 Q90 260 200 280 Q310 260 310 70" fill="none" stroke="#c0c0c0" stroke-width="6"/>` +
    `<circle cx="200" cy="300" r="34" fill="${c}"/><circle cx="190" cy="290" r="10" fill="${l}"/><circle cx="200" cy="262" r="8" fill="#c0c0c0"/>` +
    [110, 130, 150]
      .map(
        (x, i) =>
          `<circle cx="${x + i * 6}" cy="${140 + i * 40}" r="9" fill="${d}"/><circle cx="${400 - x - i * 6}" cy="${140 + i * 40}" r="9" fill="${d}"/>`,
      )
      .join(''),
  earrings: (c, _d, l) =>
    [130, 270]
      .map(
        (x) =>
          `<circle cx="${x}" cy="110" r="10" fill="#d4a017"/><circle cx="${x}" cy="210" r="70" fill="none" stroke="#d4a017" stroke-width="14"/><circle cx="${x}" cy="280" r="18" fill="${c}"/><circle cx="${x - 6}" cy="274" r="6" fill="${l}"/>`,
      )
      .join(''),
  bracelet: (c, d, l) =>
    Array.from({ length: 16 }, (_, i) => {
      const a = (i / 16) * Math.PI * 2;
      return `<circle cx="${(200 + Math.cos(a) * 110).toFixed(1)}" cy="${(210 + Math.sin(a) * 110).toFixed(1)}" r="22" fill="${i % 4 === 0 ? d : i % 2 ? c : l}"/>`;
    }).join(''),
  // Garden
  plant: (c, d, l) =>
    `<path d="M200 230 Q150 150 110 150 Q130 210 200 230 Z M200 230 Q250 130 300 120 Q280 200 200 230 Z M200 230 Q190 130 200 70 Q220 130 200 230 Z" fill="#15803d"/>` +
    `<path d="M130 230 H270 L250 340 H150 Z" fill="${c}"/><rect x="120" y="222" width="160" height="30" rx="6" fill="${d}"/><path d="M160 280 H240" stroke="${l}" stroke-width="6"/>`,
  can: (c, d, l) =>
    `<path d="M270 200 L350 120 L360 134 L290 230 Z" fill="${d}"/><path d="M130 140 a70 60 0 0 1 140 0" fill="none" stroke="${d}" stroke-width="14"/>` +
    `<rect x="110" y="150" width="180" height="170" rx="20" fill="${c}"/><rect x="110" y="200" width="180" height="24" fill="${l}"/><ellipse cx="356" cy="126" rx="16" ry="10" fill="${d}"/>`,
  shears: (c, d) =>
    `<path d="M200 200 L330 70 L345 85 Z" fill="#9ca3af"/><path d="M200 200 L340 110 L350 128 Z" fill="#d1d5db"/>` +
    `<path d="M200 200 L110 300" stroke="${c}" stroke-width="30" stroke-linecap="round"/><path d="M200 200 L150 330" stroke="${d}" stroke-width="30" stroke-linecap="round"/><circle cx="200" cy="200" r="12" fill="#374151"/>`,
  birdhouse: (c, d, l) =>
    `<rect x="194" y="280" width="12" height="90" fill="#78350f"/><path d="M110 150 L200 70 L290 150 Z" fill="${d}"/><rect x="130" y="150" width="140" height="140" fill="${c}"/>` +
    `<circle cx="200" cy="205" r="24" fill="#1f2937"/><rect x="195" y="240" width="10" height="26" fill="${l}"/>`,
};

export type ArtKind = keyof typeof DRAWINGS;
export const ART_KINDS = Object.keys(DRAWINGS);

/** The SVG of a kind of product in a colour and a style (0..3). */
export function productArtSvg(kind: string, art: Art, size: number): string {
  const draw = DRAWINGS[kind];
  if (!draw) throw new Error(`no drawing for ${kind}`);
  const { colour, style } = art;
  const dark = shade(colour, -0.35);
  const light = shade(colour, 0.7);
  const backdrop = shade(colour, style & 2 ? 0.92 : 0.86);
  const tilt = style & 2 ? -6 : 0;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 400 400">` +
    `<rect width="400" height="400" fill="${backdrop}"/><ellipse cx="200" cy="352" rx="140" ry="16" fill="#000" opacity="0.08"/>` +
    `<g transform="rotate(${tilt} 200 200)">${draw(colour, dark, light, style & 1)}</g></svg>`
  );
}
