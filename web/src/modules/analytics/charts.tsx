import type { ChartPoint } from '../../components';

// The charts the shared components lack (area, pie, funnel), drawn as small SVGs like
// components/charts.tsx: no chart library. Each is an image whose label lists every point; the
// result's table below it is the full alternative.

interface ChartProps {
  title: string;
  data: ChartPoint[];
  height?: number;
  formatValue?: (value: number) => string;
}

const W = 600;
const PAD = { top: 12, right: 8, bottom: 28, left: 8 };
/** Slices and legends cycle through this many colours (analytics.css: `.an-c0` … `.an-c7`). */
const COLOURS = 8;

export const summary = (title: string, data: readonly ChartPoint[], fmt: (v: number) => string = String) =>
  `${title}: ${data.map((d) => `${d.label} ${fmt(d.value)}`).join(', ')}`;

/** A line with the area under it filled (the baseline is zero, or the lowest value when below). */
export function AreaChart({ title, data, height = 180, formatValue = String }: ChartProps) {
  const max = Math.max(0, ...data.map((d) => d.value));
  const min = Math.min(0, ...data.map((d) => d.value));
  const span = max - min || 1;
  const innerH = height - PAD.top - PAD.bottom;
  const y = (v: number) => PAD.top + innerH - ((v - min) / span) * innerH;
  const step = (W - PAD.left - PAD.right) / Math.max(1, data.length - 1);
  const pts = data.map((d, i) => [PAD.left + i * step, y(d.value)] as const);
  const line = pts.map(([px, py], i) => `${i ? 'L' : 'M'}${px.toFixed(1)},${py.toFixed(1)}`).join(' ');
  const area = pts.length
    ? `${line} L${pts.at(-1)![0].toFixed(1)},${y(0).toFixed(1)} L${pts[0]![0].toFixed(1)},${y(0).toFixed(1)} Z`
    : '';
  const labelEvery = Math.ceil(data.length / 12);
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${W} ${height}`} role="img" aria-label={summary(title, data, formatValue)}>
        <path className="an-area" d={area} />
        <line className="chart-axis" x1={PAD.left} x2={W - PAD.right} y1={y(0)} y2={y(0)} />
        <path className="chart-line" d={line} fill="none" />
        {pts.map(([px, py], i) => (
          <g key={i}>
            <circle className="chart-dot" cx={px} cy={py} r={3}>
              <title>{`${data[i]!.label}: ${formatValue(data[i]!.value)}`}</title>
            </circle>
            {i % labelEvery === 0 && (
              <text className="chart-label" x={px} y={height - 8} textAnchor="middle">
                {data[i]!.label}
              </text>
            )}
          </g>
        ))}
      </svg>
      <figcaption>{title}</figcaption>
    </figure>
  );
}

/** Slices of the positive values (a negative or zero value has no slice: the table shows it), with a legend. */
export function PieChart({ title, data, formatValue = String }: ChartProps) {
  const slices = data.filter((d) => d.value > 0);
  const total = slices.reduce((s, d) => s + d.value, 0);
  const R = 80;
  const C = 90;
  let angle = -Math.PI / 2;
  const point = (a: number) => `${(C + R * Math.cos(a)).toFixed(2)},${(C + R * Math.sin(a)).toFixed(2)}`;
  const share = (v: number) => `${Math.round((v / (total || 1)) * 100)}%`;
  return (
    <figure className="chart an-pie">
      <svg viewBox={`0 0 ${2 * C} ${2 * C}`} role="img" aria-label={summary(title, data, formatValue)}>
        {slices.length === 1 ? (
          <circle className="an-c0" cx={C} cy={C} r={R}>
            <title>{`${slices[0]!.label}: ${formatValue(slices[0]!.value)} (100%)`}</title>
          </circle>
        ) : (
          slices.map((d, i) => {
            const start = angle;
            angle += (d.value / total) * 2 * Math.PI;
            const large = angle - start > Math.PI ? 1 : 0;
            return (
              <path
                key={d.label + i}
                className={`an-c${i % COLOURS}`}
                d={`M${C},${C} L${point(start)} A${R},${R} 0 ${large} 1 ${point(angle)} Z`}
              >
                <title>{`${d.label}: ${formatValue(d.value)} (${share(d.value)})`}</title>
              </path>
            );
          })
        )}
      </svg>
      <ul className="an-legend" aria-hidden="true">
        {slices.map((d, i) => (
          <li key={d.label + i}>
            <span className={`an-swatch an-c${i % COLOURS}`} />
            {d.label}: {formatValue(d.value)} ({share(d.value)})
          </li>
        ))}
      </ul>
      <figcaption>{title}</figcaption>
    </figure>
  );
}

/** Steps in the result's order, each as wide as its share of the widest, with its share of the first step. */
export function FunnelChart({ title, data, formatValue = String }: ChartProps) {
  const max = Math.max(0, ...data.map((d) => d.value)) || 1;
  const first = data[0]?.value ?? 0;
  const stepH = 34;
  const height = Math.max(1, data.length) * stepH;
  const inner = W - PAD.left - PAD.right;
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${W} ${height}`} role="img" aria-label={summary(title, data, formatValue)}>
        {data.map((d, i) => {
          const width = Math.max(2, (Math.max(0, d.value) / max) * inner);
          const x = PAD.left + (inner - width) / 2;
          const ofFirst = first > 0 ? ` · ${Math.round((d.value / first) * 100)}%` : '';
          return (
            <g key={d.label + i}>
              <rect className={`an-c${i % COLOURS}`} x={x} y={i * stepH + 2} width={width} height={stepH - 4} rx={3}>
                <title>{`${d.label}: ${formatValue(d.value)}${ofFirst}`}</title>
              </rect>
              <text className="an-funnel-label" x={W / 2} y={i * stepH + stepH / 2 + 4} textAnchor="middle">
                {`${d.label}: ${formatValue(d.value)}${ofFirst}`}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption>{title}</figcaption>
    </figure>
  );
}
