import type { ControlHealth } from './api';
import { HEALTH_LABELS } from './api';

/** A control's health: colour and word, with the reasons in words (not by colour alone). */
export function HealthBadge({ health, withReasons = false }: { health: ControlHealth; withReasons?: boolean }) {
  const reasons = health.reasons.map((r) => r.message).join(' · ');
  return (
    <span className="health">
      <span className={`badge health-${health.status}`} title={reasons || undefined}>
        {HEALTH_LABELS[health.status]}
      </span>
      {withReasons && reasons && <span className="health-reasons"> {reasons}</span>}
    </span>
  );
}

/** An owner's name, or a short id when the user list is not readable. */
export function OwnerName({ id, names }: { id: string; names: Map<string, string> }) {
  return <>{names.get(id) ?? `User ${id.slice(0, 8)}`}</>;
}
