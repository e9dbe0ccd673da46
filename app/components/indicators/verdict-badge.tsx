import type { Verdict } from "../../models/indicator/trend";

const SYMBOL: Record<Verdict["kind"], string> = {
  "right-way": "▲",
  "wrong-way": "▼",
  flat: "▶",
  "not-enough-data": "?",
};

const STYLE: Record<Verdict["kind"], string> = {
  "right-way": "border-green-800 bg-green-50 text-green-900",
  "wrong-way": "border-red-800 bg-red-50 text-red-900",
  flat: "border-slate-700 bg-slate-50 text-slate-900",
  "not-enough-data": "border-slate-700 bg-white text-slate-900",
};

/** The verdict in words; the symbol and colour only repeat what the words say. */
export function VerdictBadge({ verdict }: { verdict: Verdict }) {
  return (
    <span className={`badge border ${STYLE[verdict.kind]}`}>
      <span aria-hidden="true">{SYMBOL[verdict.kind]}&nbsp;</span>
      {verdict.headline}
    </span>
  );
}
