import { formatMoney } from '../../components';
import type { KeyResult } from './queries';

/** A key result's value (or start or target) with its unit: money with its currency, "12 %", "3 days". */
export function formatValue(kr: KeyResult, value: string | null): string {
  if (value === null) return '—';
  if (kr.kind === 'boolean') return Number(value) >= 1 ? 'Done' : 'Not done';
  if (kr.kind === 'percentage') return `${value} %`;
  const unit = kr.metric?.unit;
  if (unit === 'money' && kr.metric?.currency) return formatMoney(value, kr.metric.currency);
  if (unit === 'percent') return `${value} %`;
  if (unit === 'days') return `${value} days`;
  return value;
}
