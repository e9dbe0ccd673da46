import type { Flag } from "../../models/unit-cost/unit-cost.policy";

const LABELS: Record<Flag["kind"], string> = { stale: "Stale", implausible: "Implausible" };

/** Each flag as a labelled badge with its reason in words (never colour alone). */
export function UnitCostFlags({ flags }: { flags: Flag[] }) {
  if (!flags.length) return <span className="text-slate-700">None</span>;
  return (
    <ul className="space-y-1">
      {flags.map((f) => (
        <li key={f.kind}>
          <span className="badge border border-amber-800 bg-amber-50 text-amber-900">
            <span aria-hidden="true">⚠&nbsp;</span>
            {LABELS[f.kind]}
          </span>{" "}
          <span className="text-sm">{f.reason}</span>
        </li>
      ))}
    </ul>
  );
}
