/**
 * Tiny SVG charts for dashboards and reports (no chart library). Values are numbers for drawing only;
 * pass `formatValue` (e.g. `(v) => formatMoney(String(v), 'EUR')`) for labels.
 * `<BarChart title="Revenue by month" data={[{ label: 'Jan', value: 1200 }, …]} />`
 */
export interface ChartPoint {
  label: string;
  value: number;
}

interface ChartProps {
  title: string;
  data: ChartPoint[];
  height?: number;
  formatValue?: (value: number) => string;
}

const W = 600;
const PAD = { top: 12, right: 8, bottom: 28, left: 8 };

function scale(data: ChartPoint[]) {
  const max = Math.max(0, ...data.map((d) => d.value));
  const min = Math.min(0, ...data.map((d) => d.value));
  const span = max - min || 1;
  return { max, min, span };
}

function summary(title: string, data: ChartPoint[], fmt: (v: number) => string) {
  return `${title}: ${data.map((d) => `${d.label} ${fmt(d.value)}`).join(', ')}`;
}

/** Bars with their values written on them (above a bar, below a negative one) when there is room: up to 12 bars. */
export function BarChart({ title, data, height = 180, formatValue = String }: ChartProps) {
  const { min, span } = scale(data);
  const showValues = data.length <= 12;
  // Room for a value above the highest bar and below the lowest.
  const top = PAD.top + (showValues ? 14 : 0);
  const innerH = height - top - PAD.bottom - (showValues && min < 0 ? 14 : 0);
  const slot = (W - PAD.left - PAD.right) / Math.max(1, data.length);
  const y = (v: number) => top + innerH - ((v - min) / span) * innerH;
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${W} ${height}`} role="img" aria-label={summary(title, data, formatValue)}>
        <line className="chart-axis" x1={PAD.left} x2={W - PAD.right} y1={y(0)} y2={y(0)} />
        {data.map((d, i) => {
          const x = PAD.left + i * slot + slot * 0.15;
          const top = Math.min(y(d.value), y(0));
          return (
            <g key={d.label + i}>
              <rect
                className={d.value < 0 ? 'chart-bar chart-bar-negative' : 'chart-bar'}
                x={x}
                y={top}
                width={slot * 0.7}
                height={Math.max(1, Math.abs(y(d.value) - y(0)))}
                rx={2}
              >
                <title>{`${d.label}: ${formatValue(d.value)}`}</title>
              </rect>
              {showValues && (
                <text
                  className="chart-value"
                  x={x + slot * 0.35}
                  y={d.value < 0 ? y(d.value) + 12 : y(d.value) - 4}
                  textAnchor="middle"
                  aria-hidden="true"
                >
                  {formatValue(d.value)}
                </text>
              )}
              <text className="chart-label" x={x + slot * 0.35} y={height - 8} textAnchor="middle">
                {d.label}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption>{title}</figcaption>
    </figure>
  );
}

export function LineChart({ title, data, height = 180, formatValue = String }: ChartProps) {
  const { min, span } = scale(data);
  const innerH = height - PAD.top - PAD.bottom;
  const step = (W - PAD.left - PAD.right) / Math.max(1, data.length - 1);
  const pts = data.map((d, i) => [PAD.left + i * step, PAD.top + innerH - ((d.value - min) / span) * innerH] as const);
  const path = pts.map(([x, y], i) => `${i ? 'L' : 'M'}${x.toFixed(1)},${y.toFixed(1)}`).join(' ');
  const labelEvery = Math.ceil(data.length / 12);
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${W} ${height}`} role="img" aria-label={summary(title, data, formatValue)}>
        <line className="chart-axis" x1={PAD.left} x2={W - PAD.right} y1={PAD.top + innerH} y2={PAD.top + innerH} />
        <path className="chart-line" d={path} fill="none" />
        {pts.map(([x, y], i) => (
          <g key={i}>
            <circle className="chart-dot" cx={x} cy={y} r={3}>
              <title>{`${data[i]!.label}: ${formatValue(data[i]!.value)}`}</title>
            </circle>
            {i % labelEvery === 0 && (
              <text className="chart-label" x={x} y={height - 8} textAnchor="middle">
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
