import type { EvidenceStrength } from "../../models/insight/insight.policy";
import { STALE_AFTER_YEARS } from "../../models/insight/insight.policy";
import { formatDay } from "../learning/format";

/** The strength of what backs an insight, in words (never by colour alone). */
export function EvidenceStrengthSummary({
  strength,
  compact = false,
}: {
  strength: EvidenceStrength;
  compact?: boolean;
}) {
  return (
    <div className="text-sm text-slate-800">
      <p className="font-semibold">{strength.summary}</p>
      {!compact && strength.newest !== null ? (
        <p>
          Dated evidence from {formatDay(strength.oldest)} to {formatDay(strength.newest)}
        </p>
      ) : null}
      {!compact && strength.stale > 0 ? (
        <p className="mt-1 rounded border-l-4 border-amber-700 bg-amber-50 px-2 py-1 text-amber-900">
          <span aria-hidden="true">⚠&nbsp;</span>
          {strength.stale === 1 ? "One unit cost is" : `${strength.stale} unit costs are`} priced
          more than {STALE_AFTER_YEARS} years ago: uprate before quoting a saving.
        </p>
      ) : null}
    </div>
  );
}
