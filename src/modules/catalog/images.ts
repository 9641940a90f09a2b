// Product images are generated unless the seller uploaded some (src/modules/catalog/seller/images.ts): a
// deterministic SVG per product and position, so the demo catalog needs no image files and no network.
import { escapeHtml } from '../../html.ts';

const PALETTES = [
  ['#0b5cad', '#dbeafe'],
  ['#a11d48', '#fde2ea'],
  ['#116149', '#d1fae5'],
  ['#7c3aed', '#ede9fe'],
  ['#b45309', '#fef3c7'],
  ['#0e7490', '#cffafe'],
  ['#374151', '#e5e7eb'],
  ['#9d174d', '#fce7f3'],
];

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

export function productImageSvg(productId: string, title: string, index: number): string {
  const h = hash(`${productId}:${index}`);
  const [fg, bg] = PALETTES[h % PALETTES.length]!;
  const shape = h % 3;
  const initials = title
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0]!.toUpperCase())
    .join('');
  const art =
    shape === 0
      ? `<circle cx="200" cy="170" r="90" fill="${fg}" opacity="0.85"/>`
      : shape === 1
        ? `<rect x="110" y="80" width="180" height="180" rx="24" fill="${fg}" opacity="0.85"/>`
        : `<polygon points="200,70 300,260 100,260" fill="${fg}" opacity="0.85"/>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 400" role="img" aria-label="${escapeHtml(title)}"><rect width="400" height="400" fill="${bg}"/>${art}<text x="200" y="${shape === 2 ? 235 : 190}" font-family="system-ui,sans-serif" font-size="64" font-weight="700" fill="#fff" text-anchor="middle">${escapeHtml(initials)}</text><text x="200" y="340" font-family="system-ui,sans-serif" font-size="22" fill="${fg}" text-anchor="middle">${escapeHtml(title.slice(0, 28))}</text></svg>`;
}

/** The public URL of a product's image at a position: the seller's upload, or the generated picture. */
export const productImageUrl = (productId: string, index: number) => `/api/products/${productId}/images/${index}`;
