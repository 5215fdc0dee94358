import { CONFIDENCE_LABELS, type Confidence } from './queries';
import './strategy.css';

/** A progress percentage ("62.50") as a bar with the percent written next to it. */
export function ProgressMeter({ progress, label }: { progress: string; label: string }) {
  const pct = Math.min(100, Math.max(0, Number(progress)));
  const text = `${Number(progress).toFixed(0)}%`;
  return (
    <span className="st-progress">
      <meter min={0} max={100} value={pct} aria-label={`${label}: progress ${text}`} />
      <span className="st-progress-text">{text}</span>
    </span>
  );
}

/** An objective's health (its key results' worst latest confidence), or "No check-in". */
export function HealthBadge({ health }: { health: Confidence | null }) {
  if (!health) return <span className="badge">No check-in</span>;
  return <span className={`badge st-health st-health-${health}`}>{CONFIDENCE_LABELS[health]}</span>;
}

export type Rag = 'green' | 'amber' | 'red';
const RAG_LABELS: Record<Rag, string> = { green: 'Green', amber: 'Amber', red: 'Red' };

/** Red / amber / green as a coloured badge that also says its colour. */
export function RagBadge({ rag }: { rag: Rag | null }) {
  if (!rag) return <span className="badge">No value</span>;
  return <span className={`badge st-rag st-rag-${rag}`}>{RAG_LABELS[rag]}</span>;
}

/** An objective's red/amber/green: its health when checked in, else its progress (≥ 70 % green, ≥ 40 % amber). */
export function objectiveRag(progress: string, health: Confidence | null): Rag {
  if (health === 'off-track') return 'red';
  if (health === 'at-risk') return 'amber';
  if (health === 'on-track') return 'green';
  const p = Number(progress);
  return p >= 70 ? 'green' : p >= 40 ? 'amber' : 'red';
}
