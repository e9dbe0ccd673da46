import {
  CONFIDENCE_LABELS,
  KIND_LABELS,
  LEVEL_LABELS,
  STATUS_LABELS,
  type BarrierLevel,
  type InsightConfidence,
  type InsightKind,
  type InsightStatus,
} from "../../models/insight/insight.constants";

const KIND_STYLES: Record<InsightKind, string> = {
  finding: "bg-sky-100 text-sky-900",
  barrier: "bg-red-50 text-red-900 border border-red-800",
  opportunity: "bg-green-100 text-green-900",
  question: "bg-violet-100 text-violet-900",
};

export function InsightKindBadge({ kind }: { kind: InsightKind }) {
  return <span className={`badge ${KIND_STYLES[kind]}`}>{KIND_LABELS[kind]}</span>;
}

export function InsightStatusBadge({ status }: { status: InsightStatus }) {
  return <span className="badge bg-slate-200 text-slate-900">{STATUS_LABELS[status]}</span>;
}

export function ConfidenceText({ confidence }: { confidence: InsightConfidence }) {
  return <span>Confidence: {CONFIDENCE_LABELS[confidence].toLowerCase()}</span>;
}

export function BarrierLevelBadge({ level }: { level: BarrierLevel }) {
  return (
    <span className="badge border border-slate-700 bg-white text-slate-900">
      {level === "national" ? "National" : "Local"}
    </span>
  );
}

export { LEVEL_LABELS };
