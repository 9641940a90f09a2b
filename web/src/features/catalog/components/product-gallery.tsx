import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/** The main image (`initial`: the chosen variant's), and when there are several, thumbnails that switch it ("Show image 2"). */
export function ProductGallery({ title, images, initial = 0 }: { title: string; images: string[]; initial?: number }) {
  const { t } = useTranslation('catalog');
  const [selected, setSelected] = useState(initial);
  const index = Math.min(selected, Math.max(images.length - 1, 0));
  const main = images[index];

  if (main === undefined) {
    return (
      <div className="gallery">
        <div className="gallery-main gallery-empty">
          <p>{t('gallery.noPhoto')}</p>
        </div>
      </div>
    );
  }
  return (
    <div className="gallery">
      <div className="gallery-main">
        <img
          src={main}
          alt={images.length > 1 ? t('gallery.imageOf', { title, n: index + 1, total: images.length }) : title}
          width={640}
          height={640}
        />
      </div>
      {images.length > 1 ? (
        <ul className="gallery-thumbs">
          {images.map((url, n) => (
            <li key={`${n}:${url}`}>
              <button type="button" className="gallery-thumb" aria-pressed={n === index} onClick={() => setSelected(n)}>
                <img src={url} alt="" width={72} height={72} loading="lazy" />
                <span className="visually-hidden">{t('gallery.show', { n: n + 1 })}</span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
