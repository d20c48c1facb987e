import { percent } from '../lib/format.js';

/**
 * One part of a match score as a bar. The figure is in the text (what screen readers read); the bar
 * repeats it for the eye and is hidden from them.
 */
export function ScoreBar({ label, value, weight }: { label: string; value: number | null; weight?: number }) {
  return (
    <div class="score-bar">
      <span class="score-label">
        {label}
        {weight !== undefined && <span class="muted"> × {weight.toFixed(2)}</span>}
      </span>
      <span class="bar" aria-hidden="true">
        <span class="fill" style={{ width: `${Math.round((value ?? 0) * 100)}%` }} />
      </span>
      <span class="score-value">{percent(value)}</span>
    </div>
  );
}
