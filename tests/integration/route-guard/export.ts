import type { RouteGuardEntry } from "./types";
import { workspaceGuard } from "./types";

/** Exports are for owners, facilitators and evaluators; members and analysts are refused. */
const exporters = () => workspaceGuard({ analyst: 403, member: 403 });
const ws = (w: Parameters<RouteGuardEntry["params"]>[0]) => ({ ws: w.a.slug });

export const ENTRIES: RouteGuardEntry[] = [
  { file: "w.$ws.export._index.tsx", params: ws, loader: exporters() },
  { file: "w.$ws.export.summary[.docx].ts", params: ws, loader: exporters() },
  { file: "w.$ws.export.summary[.md].ts", params: ws, loader: exporters() },
  { file: "w.$ws.export.summary[.html].ts", params: ws, loader: exporters() },
  { file: "w.$ws.export.summary[.json].ts", params: ws, loader: exporters() },
  { file: "w.$ws.export.insights[.csv].ts", params: ws, loader: exporters() },
  { file: "w.$ws.export.actions[.csv].ts", params: ws, loader: exporters() },
  { file: "w.$ws.export.codebook[.qdc].ts", params: ws, loader: exporters() },
  // The schema describes the file format, not the workspace's material: anyone in the workspace.
  { file: "w.$ws.export.summary[.schema.json].ts", params: ws, loader: workspaceGuard({}) },
];
