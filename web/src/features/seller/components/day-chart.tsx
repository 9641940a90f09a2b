// A bar chart of one figure per day, drawn as SVG (no charting library: decision 055). The numbers
// are also a table, shown on request, so screen readers and keyboard users get every day's value.
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate, formatLocale } from '../../../lib/format.ts';

type Props = {
  title: string;
  /** ISO dates (YYYY-MM-DD), oldest first. */
  dates: string[];
  values: number[];
  /** How a value reads: a count, or money in the currency's format. */
  format: (value: number) => string;
};

const WIDTH = 640;
const HEIGHT = 240;
const RIGHT = 8;
const TOP = 16;
const BOTTOM = 34;

/** A round top for the axis: 1, 2 or 5 times a power of ten, at least `max` (1 when all are 0). */
export function niceMax(max: number): number {
  if (max <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 2, 5, 10]) if (step * power >= max) return step * power;
  return 10 * power;
}

const dayOf = (iso: string) => new Date(`${iso}T00:00:00Z`);
// The axis's day labels ("Dec 7", "7 déc."), in the reader's locale: rebuilt when it changes.
let shortDates: { locale: string | undefined; format: Intl.DateTimeFormat } | undefined;
function shortDate(date: Date): string {
  const locale = formatLocale();
  if (shortDates === undefined || shortDates.locale !== locale)
    shortDates = {
      locale,
      format: new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', timeZone: 'UTC' }),
    };
  return shortDates.format.format(date);
}
const longDate = (iso: string) => formatDate(new Date(`${iso}T12:00:00Z`));

export function DayChart({ title, dates, values, format }: Props) {
  const { t } = useTranslation('seller');
  const id = useId();
  const [asTable, setAsTable] = useState(false);
  const total = values.reduce((sum, v) => sum + v, 0);
  const top = niceMax(Math.max(0, ...values));
  // Values are whole (counts, minor units): no half-way line at 0.5.
  const ticks = Number.isInteger(top / 2) ? [0, top / 2, top] : [0, top];
  // Room for the longest axis label (about 12 units a character at the labels' 22-unit font).
  const left = 14 + 12.5 * Math.max(...ticks.map((tick) => format(tick).length));
  const plotWidth = WIDTH - left - RIGHT;
  const plotHeight = HEIGHT - TOP - BOTTOM;
  const slot = plotWidth / Math.max(1, values.length);
  const y = (v: number) => TOP + plotHeight - (v / top) * plotHeight;
  const labelled = [0, Math.floor((dates.length - 1) / 2), dates.length - 1];
  const busiest = values.indexOf(Math.max(...values));
  const from = longDate(dates[0]!);
  const to = longDate(dates.at(-1)!);
  const summary =
    total === 0
      ? t('chart.none', { from, to })
      : t('chart.summary', {
          total: format(total),
          from,
          to,
          highest: format(values[busiest]!),
          day: longDate(dates[busiest]!),
        });
  const perDay = t('chart.perDay', { title });

  return (
    <figure className="day-chart" aria-labelledby={`${id}-title`}>
      <figcaption>
        <h3 id={`${id}-title`}>{title}</h3>
        <p className="muted" id={`${id}-summary`}>
          {summary}
        </p>
      </figcaption>
      {asTable ? null : (
        <svg
          viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
          role="img"
          aria-labelledby={`${id}-svg-title`}
          aria-describedby={`${id}-summary`}
          className="day-chart-svg"
        >
          <title id={`${id}-svg-title`}>{perDay}</title>
          {ticks.map((tick) => (
            <g key={tick}>
              <line x1={left} x2={WIDTH - RIGHT} y1={y(tick)} y2={y(tick)} className="day-chart-grid" />
              <text x={left - 6} y={y(tick)} dy="0.35em" textAnchor="end" className="day-chart-label">
                {format(tick)}
              </text>
            </g>
          ))}
          {values.map((v, i) =>
            v > 0 ? (
              <rect
                key={dates[i]}
                x={left + i * slot + slot * 0.15}
                y={y(v)}
                width={slot * 0.7}
                height={TOP + plotHeight - y(v)}
                className="day-chart-bar"
              >
                <title>{t('chart.bar', { day: longDate(dates[i]!), value: format(v) })}</title>
              </rect>
            ) : null,
          )}
          {labelled.map((i) => (
            <text
              key={i}
              x={left + i * slot + slot / 2}
              y={HEIGHT - 6}
              textAnchor={i === 0 ? 'start' : i === dates.length - 1 ? 'end' : 'middle'}
              className="day-chart-label"
            >
              {shortDate(dayOf(dates[i]!))}
            </text>
          ))}
        </svg>
      )}
      <button
        type="button"
        className="button-link"
        aria-expanded={asTable}
        aria-controls={`${id}-table`}
        onClick={() => setAsTable(!asTable)}
      >
        {asTable ? t('chart.showChart') : t('chart.showTable')}
      </button>
      {/* Scrolls when long: focusable so a keyboard can scroll it too. */}
      <section
        id={`${id}-table`}
        className="day-chart-table"
        hidden={!asTable}
        aria-label={perDay}
        tabIndex={asTable ? 0 : undefined}
      >
        {asTable ? (
          <table className="seller-table">
            <caption className="visually-hidden">{perDay}</caption>
            <thead>
              <tr>
                <th scope="col">{t('chart.day')}</th>
                <th scope="col">{title}</th>
              </tr>
            </thead>
            <tbody>
              {dates.map((date, i) => (
                <tr key={date}>
                  <th scope="row">{longDate(date)}</th>
                  <td>{format(values[i]!)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </section>
    </figure>
  );
}
