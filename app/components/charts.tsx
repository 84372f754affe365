import { D, type Dec, formatMoney, roundFen, ZERO } from "~/domain/money";

/** An axis or tooltip figure, grouped like the ledger columns (no currency sign), rounded to the fen. */
const figure = (v: Dec) => formatMoney(roundFen(v), "zh-CN", { symbol: false });

/**
 * Server-rendered SVG charts, no library and no JavaScript: a bar chart and a line chart of
 * decimal-string values. Geometry is computed with decimal.js and only the pixel coordinates
 * become numbers. Every bar and point can carry a link, so a figure on a chart drills down like
 * a figure in a table. Colours keep to two tones that survive a black-and-white printer.
 */

export interface ChartPoint {
  label: string;
  /** Decimal string, e.g. "1234.50"; negative values draw below the axis. */
  value: string;
  href?: string;
}

export interface ChartSeries {
  name: string;
  points: readonly ChartPoint[];
}

const WIDTH = 640;
const PAD = { top: 16, right: 12, bottom: 40, left: 72 };
const COLOURS = ["#15803d", "#b45309", "#1d4ed8", "#7c3aed"];

/** Scale in decimal: px = (value − min) ÷ (max − min) × span, as a number only at the end. */
function scale(value: Dec, min: Dec, max: Dec, span: number): number {
  const range = max.minus(min);
  if (range.isZero()) return 0;
  return value.minus(min).div(range).times(span).toDecimalPlaces(1).toNumber();
}

function extent(values: readonly Dec[]): { min: Dec; max: Dec } {
  const max = values.reduce((m, v) => D.max(m, v), ZERO);
  const min = values.reduce((m, v) => D.min(m, v), ZERO);
  return { min, max: max.equals(min) ? min.plus(1) : max };
}

function Axis({ min, max, height }: { min: Dec; max: Dec; height: number }) {
  const ticks = [min, min.plus(max.minus(min).div(2)), max];
  return (
    <g className="text-[10px]" fill="#57534e">
      {ticks.map((v, i) => {
        const y = PAD.top + height - scale(v, min, max, height);
        return (
          <g key={i}>
            <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y} y2={y} stroke="#e7e5e4" />
            <text x={PAD.left - 6} y={y + 3} textAnchor="end" fontSize="10">
              {figure(v.toDecimalPlaces(0)).replace(/\.00$/, "")}
            </text>
          </g>
        );
      })}
    </g>
  );
}

function Linked({ href, children }: { href?: string; children: React.ReactNode }) {
  return href ? <a href={href}>{children}</a> : <>{children}</>;
}

/** Vertical bars, one per point (a series per colour when several are given, side by side). */
export function BarChart({ title, series, height = 200 }: { title: string; series: readonly ChartSeries[]; height?: number }) {
  const labels = series[0]?.points.map((p) => p.label) ?? [];
  const values = series.flatMap((s) => s.points.map((p) => new D(p.value)));
  const { min, max } = extent(values);
  const plotW = WIDTH - PAD.left - PAD.right;
  const slot = labels.length ? plotW / labels.length : plotW;
  const barW = Math.max(2, (slot * 0.8) / Math.max(1, series.length));
  const zeroY = PAD.top + height - scale(ZERO, min, max, height);
  return (
    <figure className="card overflow-x-auto">
      <svg viewBox={`0 0 ${WIDTH} ${height + PAD.top + PAD.bottom}`} role="img" aria-label={title} className="w-full min-w-[20rem]" data-testid="bar-chart">
        <title>{title}</title>
        <Axis min={min} max={max} height={height} />
        {series.map((s, si) =>
          s.points.map((p, i) => {
            const v = new D(p.value);
            const y = PAD.top + height - scale(v, min, max, height);
            const x = PAD.left + i * slot + slot * 0.1 + si * barW;
            return (
              <Linked key={`${si}-${i}`} href={p.href}>
                <rect x={x} y={Math.min(y, zeroY)} width={barW} height={Math.max(0.5, Math.abs(zeroY - y))} fill={COLOURS[si % COLOURS.length]}>
                  <title>{`${s.name} ${p.label}: ${figure(v)}`}</title>
                </rect>
              </Linked>
            );
          }),
        )}
        {labels.map((l, i) => (
          <text key={l + i} x={PAD.left + i * slot + slot / 2} y={PAD.top + height + 14} textAnchor="middle" fontSize="10" fill="#44403c">
            {l.length > 8 ? `${l.slice(0, 7)}…` : l}
          </text>
        ))}
      </svg>
      <Legend series={series} />
    </figure>
  );
}

/** Lines over the same labels (months), one per series, a dot per point that links down. */
export function LineChart({ title, series, height = 200 }: { title: string; series: readonly ChartSeries[]; height?: number }) {
  const labels = series[0]?.points.map((p) => p.label) ?? [];
  const { min, max } = extent(series.flatMap((s) => s.points.map((p) => new D(p.value))));
  const plotW = WIDTH - PAD.left - PAD.right;
  const step = labels.length > 1 ? plotW / (labels.length - 1) : 0;
  const xy = (i: number, value: string) => [PAD.left + (labels.length > 1 ? i * step : plotW / 2), PAD.top + height - scale(new D(value), min, max, height)] as const;
  return (
    <figure className="card overflow-x-auto">
      <svg viewBox={`0 0 ${WIDTH} ${height + PAD.top + PAD.bottom}`} role="img" aria-label={title} className="w-full min-w-[20rem]" data-testid="line-chart">
        <title>{title}</title>
        <Axis min={min} max={max} height={height} />
        {series.map((s, si) => (
          <g key={s.name}>
            <polyline fill="none" stroke={COLOURS[si % COLOURS.length]} strokeWidth="2" points={s.points.map((p, i) => xy(i, p.value).join(",")).join(" ")} />
            {s.points.map((p, i) => {
              const [x, y] = xy(i, p.value);
              return (
                <Linked key={i} href={p.href}>
                  <circle cx={x} cy={y} r="4" fill={COLOURS[si % COLOURS.length]}>
                    <title>{`${s.name} ${p.label}: ${figure(new D(p.value))}`}</title>
                  </circle>
                </Linked>
              );
            })}
          </g>
        ))}
        {labels.map((l, i) => (
          <text key={l + i} x={xy(i, "0")[0]} y={PAD.top + height + 14} textAnchor="middle" fontSize="10" fill="#44403c">
            {l}
          </text>
        ))}
      </svg>
      <Legend series={series} />
    </figure>
  );
}

function Legend({ series }: { series: readonly ChartSeries[] }) {
  if (series.length < 2) return null;
  return (
    <figcaption className="mt-2 flex flex-wrap gap-4 text-sm">
      {series.map((s, i) => (
        <span key={s.name} className="inline-flex items-center gap-1">
          <svg width="12" height="12" aria-hidden="true">
            <rect width="12" height="12" fill={COLOURS[i % COLOURS.length]} />
          </svg>
          {s.name}
        </span>
      ))}
    </figcaption>
  );
}
