import { createHash } from "node:crypto";

import { getDb } from "../../db/client";

/**
 * Tables whose rows may change on any request without anything having been accepted: the
 * append-only audit log (denials are audited), sign-in attempts (throttling) and sessions
 * (Lucia extends a session's expiry as it is used).
 */
export const VOLATILE_TABLES = new Set(["audit_events", "login_attempts", "sessions", "__drizzle_migrations"]);

export type Fingerprint = Record<string, { rows: number; hash: string }>;

function canonical(value: unknown): unknown {
  if (value instanceof ArrayBuffer) return `blob:${Buffer.from(value).toString("base64")}`;
  if (ArrayBuffer.isView(value)) return `blob:${Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString("base64")}`;
  if (typeof value === "bigint") return `bigint:${value.toString()}`;
  return value;
}

/** Row count and a hash of every row of every table but the volatile ones. */
export async function fingerprintDatabase(): Promise<Fingerprint> {
  const { client } = getDb();
  const tables = await client.execute(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
  );
  const result: Fingerprint = {};
  for (const row of tables.rows) {
    const name = String(row.name);
    if (VOLATILE_TABLES.has(name)) continue;
    const rows = await client.execute(`SELECT * FROM "${name.replaceAll('"', '""')}"`);
    const lines = rows.rows.map((r) => JSON.stringify(rows.columns.map((c) => canonical(r[c])))).sort();
    result[name] = { rows: lines.length, hash: createHash("sha256").update(lines.join("\n")).digest("hex") };
  }
  return result;
}

/** The tables that differ between two fingerprints, e.g. ["memberships (3 → 4 rows)"]. */
export function changedTables(before: Fingerprint, after: Fingerprint): string[] {
  const names = new Set([...Object.keys(before), ...Object.keys(after)]);
  const changed: string[] = [];
  for (const name of [...names].sort()) {
    const b = before[name];
    const a = after[name];
    if (b?.hash === a?.hash && b?.rows === a?.rows) continue;
    changed.push(`${name} (${b?.rows ?? "absent"} → ${a?.rows ?? "absent"} rows${b?.rows === a?.rows ? ", rows edited" : ""})`);
  }
  return changed;
}
