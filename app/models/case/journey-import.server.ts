import { createHash } from "node:crypto";

import { parse } from "csv-parse/sync";
import { and, eq } from "drizzle-orm";

import { caseHouseholdMembers, cases, journeyEvents, type EventApproach, type JourneyEventKind } from "../../../db/schema/cases";
import { agencies } from "../../../db/schema/core";
import { imports } from "../../../db/schema/imports";
import { formatDate, parseUkDate } from "../../utils/dates";
import { db } from "../../utils/db.server";
import { newId } from "../../utils/ids";
import { recordAudit } from "../audit/audit.server";
import { findCommittedImportOfFile } from "../import/staged-import.server";
import { findUnitCostsByCode } from "../unit-cost/unit-cost-lookup.server";
import { APPROACH_VALUES, EVENT_KIND_VALUES } from "./case-labels";
import { refreshCaseTotals } from "./case-totals.server";
import { describeIdentifiers, detectIdentifiers, type IdentifierKind } from "./identifier-detector";
import { costFromUnit, parsePounds, parseQuantityMilli } from "./money";

/*
 * Journey-event import in two steps (DESIGN, Addresses): the upload is parsed and checked into a
 * staged import; its preview lists every bad row by line number; commit writes every row in one
 * transaction or none.
 */

export const MAX_IMPORT_BYTES = 1024 * 1024;
export const MAX_IMPORT_ROWS = 5000;

export const TEMPLATE_COLUMNS = [
  ["date", "required", "Day of the event: 2015-03-14 or 14/03/2015"],
  ["agency", "required", "The agency's name exactly as on the Agencies page"],
  ["kind", "required", "referral, assessment, intervention, contact, crisis or outcome"],
  ["approach", "optional", "preventative or reactive (reactive if blank)"],
  ["service", "optional", "The service within the agency"],
  ["family_member", "optional", "As the case page numbers them: Adult 1, Child 2 …"],
  ["description", "optional", "Short; never names, addresses, dates of birth or other identifiers"],
  ["recording_agency", "optional", "Whose account this is (the agency if blank)"],
  ["cost_gbp", "optional", "Cost in pounds, such as 1250.00 (or leave blank and give a unit cost)"],
  ["unit_cost_code", "optional", "A cost code from the workspace's unit-cost library, such as MID-FOSTER-2016"],
  ["quantity", "optional", "How many units of that cost, up to three decimals (1 if blank)"],
  ["episode", "optional", "The same key on several agencies' accounts of one episode"],
] as const;

export const TEMPLATE_CSV = `${TEMPLATE_COLUMNS.map(([c]) => c).join(",")}\n2015-03-14,Police Scotland — J Division,crisis,reactive,Response,Adult 1,Domestic incident attended,,1200.00,,,EP-1\n2015-03-20,East Lothian Council — Children's Services,intervention,reactive,,Child 1,Placed with foster carers,,,MID-FOSTER-2016,0.5,\n`;

export type StagedRow = {
  line: number;
  occurredOn: number;
  agencyId: string;
  agencyName: string;
  kind: JourneyEventKind;
  approach: EventApproach;
  service: string;
  householdMemberId: string | null;
  description: string;
  recordingAgencyId: string;
  costPence: number | null;
  unitCostId: string | null;
  quantityMilli: number | null;
  /** Explicit or unit cost × quantity, for the preview's total. */
  resolvedPence: number;
  episodeKey: string | null;
};

export type RowError = { line: number; message: string };
/** A row that is otherwise good but whose text looks like a personal identifier: it needs the analyst's reason. */
export type FlaggedRow = { line: number; fields: Array<{ field: "description" | "service"; kinds: IdentifierKind[]; detected: string }> };
export type StagedPayload = { caseId: string; rows: StagedRow[]; errors: RowError[]; flagged?: FlaggedRow[] };

/** Flagged rows of a staged import (payloads staged before flagging existed have none). */
export function flaggedRows(payload: StagedPayload): FlaggedRow[] {
  return payload.flagged ?? [];
}

export class UnreadableFile extends Error {}

const fileSha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

function decode(bytes: Uint8Array): string {
  if (bytes.length === 0) throw new UnreadableFile("The file is empty. Choose a CSV file with a header row and at least one event.");
  if (bytes.length > MAX_IMPORT_BYTES) throw new UnreadableFile("The file is larger than 1 MB. Split it into smaller files.");
  if (bytes.includes(0)) throw new UnreadableFile("This is not a text CSV file (it contains binary data). Save the spreadsheet as CSV (comma delimited) and try again.");
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new UnreadableFile("The file is not UTF-8 text. Save it as CSV UTF-8 and try again.");
  }
}

/** Reads and checks every row against the workspace and the case; nothing is written. */
export async function stageJourneyCsv(workspaceId: string, caseId: string, bytes: Uint8Array): Promise<StagedPayload> {
  const text = decode(bytes);
  const earlier = await findCommittedImportOfFile(workspaceId, "journey_events", fileSha256(bytes), { caseId });
  if (earlier)
    throw new UnreadableFile(
      `This file was already imported into this journey${earlier.committedAt ? ` on ${formatDate(earlier.committedAt)}` : ""} (as “${earlier.fileName}”). Importing it again would record its events twice; delete those events first if you mean to replace them.`,
    );
  let records: Array<{ record: string[]; info: { lines: number } }>;
  try {
    records = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true, trim: true, info: true }) as unknown as Array<{ record: string[]; info: { lines: number } }>;
  } catch (error) {
    throw new UnreadableFile(`The file could not be read as CSV: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!records.length) throw new UnreadableFile("The file is empty. Choose a CSV file with a header row and at least one event.");
  const header = records[0].record.map((h) => h.toLowerCase().replace(/\s+/g, "_"));
  if (header.length === 1 && /[;\t|]/.test(header[0])) {
    const delimiter = header[0].includes(";") ? "semicolons" : header[0].includes("\t") ? "tabs" : "vertical bars";
    throw new UnreadableFile(`The file uses ${delimiter} between columns. Save it as CSV (comma delimited) and try again.`);
  }
  const missing = ["date", "agency", "kind"].filter((c) => !header.includes(c));
  if (missing.length) throw new UnreadableFile(`The header row must name the columns ${missing.join(", ")}. Download the template to see the layout.`);
  const unknown = header.filter((h) => !TEMPLATE_COLUMNS.some(([c]) => c === h));
  if (unknown.length) throw new UnreadableFile(`The header row names columns the template does not have: ${unknown.join(", ")}.`);
  if (records.length - 1 > MAX_IMPORT_ROWS) throw new UnreadableFile(`The file has ${records.length - 1} events; at most ${MAX_IMPORT_ROWS} can be imported at once.`);

  const agencyRows = await db().select({ id: agencies.id, name: agencies.name }).from(agencies).where(eq(agencies.workspaceId, workspaceId));
  const agencyByName = new Map(agencyRows.map((a) => [a.name.toLowerCase(), a]));
  const members = await db().select({ id: caseHouseholdMembers.id, label: caseHouseholdMembers.label }).from(caseHouseholdMembers).where(eq(caseHouseholdMembers.caseId, caseId));
  const memberByLabel = new Map(members.map((m) => [m.label.toLowerCase(), m.id]));
  const col = (name: string) => header.indexOf(name);
  const codes = records.slice(1).map((r) => r.record[col("unit_cost_code")] ?? "").filter(Boolean);
  const unitByCode = await findUnitCostsByCode(db(), workspaceId, [...new Set(codes)]);

  const rows: StagedRow[] = [];
  const errors: RowError[] = [];
  const flagged: FlaggedRow[] = [];
  for (const { record, info } of records.slice(1)) {
    const line = info.lines;
    const get = (name: string) => (col(name) >= 0 ? (record[col(name)] ?? "").trim() : "");
    const problems: string[] = [];
    if (record.length !== header.length) problems.push(`has ${record.length} columns where the header has ${header.length}`);
    const date = parseUkDate(get("date"));
    if (!date) problems.push(`date “${get("date")}” is not a real date (use 2015-03-14 or 14/03/2015)`);
    const agency = agencyByName.get(get("agency").toLowerCase());
    if (!agency) problems.push(get("agency") ? `agency “${get("agency")}” is not one of this workspace's agencies` : "agency is missing");
    const kind = get("kind").toLowerCase();
    if (!(EVENT_KIND_VALUES as readonly string[]).includes(kind)) problems.push(`kind “${get("kind")}” must be one of ${EVENT_KIND_VALUES.join(", ")}`);
    const approach = (get("approach") || "reactive").toLowerCase();
    if (!(APPROACH_VALUES as readonly string[]).includes(approach)) problems.push(`approach “${get("approach")}” must be preventative or reactive`);
    const recording = get("recording_agency") ? agencyByName.get(get("recording_agency").toLowerCase()) : agency;
    if (get("recording_agency") && !recording) problems.push(`recording agency “${get("recording_agency")}” is not one of this workspace's agencies`);
    const memberLabel = get("family_member");
    const memberId = memberLabel ? (memberByLabel.get(memberLabel.toLowerCase()) ?? null) : null;
    if (memberLabel && !memberId) problems.push(`family member “${memberLabel}” is not in this household`);
    if (get("description").length > 500) problems.push("description is longer than 500 characters");
    if (get("service").length > 120) problems.push("service is longer than 120 characters");
    // Identifiers do not make a row bad: like the form, the analyst may keep the text with a reason at commit.
    const flags: FlaggedRow["fields"] = [];
    for (const field of ["description", "service"] as const) {
      const found = detectIdentifiers(get(field));
      if (found.length) flags.push({ field, kinds: [...new Set(found.map((m) => m.kind))], detected: describeIdentifiers(found).replace(". Remove it, or give a reason to keep it", "") });
    }
    let costPence: number | null = null;
    let unitCostId: string | null = null;
    let quantityMilli: number | null = null;
    let resolvedPence = 0;
    if (get("cost_gbp") && get("unit_cost_code")) problems.push("give either cost_gbp or unit_cost_code, not both");
    else if (get("cost_gbp")) {
      costPence = parsePounds(get("cost_gbp"));
      if (costPence === null) problems.push(`cost “${get("cost_gbp")}” is not an amount in pounds (such as 1250.00)`);
      else resolvedPence = costPence;
    } else if (get("unit_cost_code")) {
      const unit = unitByCode.get(get("unit_cost_code").toUpperCase());
      quantityMilli = parseQuantityMilli(get("quantity") || "1");
      if (!unit) problems.push(`unit cost code “${get("unit_cost_code")}” is not in this workspace's unit-cost library`);
      if (quantityMilli === null) problems.push(`quantity “${get("quantity")}” must be a number greater than 0 with at most three decimals`);
      if (unit && quantityMilli !== null) {
        unitCostId = unit.id;
        resolvedPence = costFromUnit(unit.fiscalCostPence, quantityMilli);
      }
    } else if (get("quantity")) problems.push("quantity is given without a unit_cost_code");
    const episode = get("episode");
    if (episode && !/^[A-Za-z0-9-]{1,30}$/.test(episode)) problems.push("episode must be up to 30 letters, digits and hyphens");
    if (problems.length || !date || !agency || !recording) {
      const identifiers = flags.map((f) => `${f.field}: ${f.detected}`);
      errors.push({ line, message: `Line ${line}: ${[...problems, ...identifiers].join("; ")}` });
      continue;
    }
    if (flags.length) flagged.push({ line, fields: flags });
    rows.push({
      line,
      occurredOn: Date.UTC(date.year, date.month - 1, date.day),
      agencyId: agency.id,
      agencyName: agency.name,
      kind: kind as JourneyEventKind,
      approach: approach as EventApproach,
      service: get("service"),
      householdMemberId: memberId,
      description: get("description"),
      recordingAgencyId: recording.id,
      costPence,
      unitCostId,
      quantityMilli,
      resolvedPence,
      episodeKey: episode || null,
    });
  }
  if (!rows.length && !errors.length) throw new UnreadableFile("The file has a header row but no events.");
  return { caseId, rows, errors, flagged };
}

export async function createStagedImport(actor: { userId: string }, workspaceId: string, fileName: string, bytes: Uint8Array, payload: StagedPayload): Promise<string> {
  const id = newId();
  await db()
    .insert(imports)
    .values({
      id,
      workspaceId,
      kind: "journey_events",
      fileName: fileName.slice(0, 200),
      fileSha256: fileSha256(bytes),
      payload,
      summary: { rows: payload.rows.length, errors: payload.errors.length, flagged: flaggedRows(payload).length, totalPence: payload.rows.reduce((s, r) => s + r.resolvedPence, 0) },
      createdBy: actor.userId,
    });
  return id;
}

export async function getStagedImport(workspaceId: string, caseId: string, importId: string) {
  const [row] = await db()
    .select({ id: imports.id, status: imports.status, fileName: imports.fileName, payload: imports.payload, summary: imports.summary })
    .from(imports)
    .where(and(eq(imports.id, importId), eq(imports.workspaceId, workspaceId), eq(imports.kind, "journey_events")));
  if (!row) return null;
  const payload = row.payload as StagedPayload;
  if (payload.caseId !== caseId) return null;
  return { ...row, payload };
}

export const MIN_OVERRIDE_REASON = 10;

/**
 * Writes every staged row in one transaction; refuses an import with bad rows or one already
 * committed, and one with rows flagged as identifiers unless a reason is given, which is audited
 * with the import (the lines and kinds found, never the text).
 */
export async function commitStagedImport(
  actor: { userId: string; ipAddress?: string },
  workspaceId: string,
  caseId: string,
  importId: string,
  overrideReason = "",
): Promise<{ ok: true; count: number } | { ok: false; message: string; field?: "overrideReason" }> {
  return db().transaction(async (tx) => {
    const [row] = await tx.select({ status: imports.status, payload: imports.payload }).from(imports).where(and(eq(imports.id, importId), eq(imports.workspaceId, workspaceId)));
    const payload = row?.payload as StagedPayload | undefined;
    if (!row || !payload || payload.caseId !== caseId) return { ok: false, message: "This import was not found." };
    if (row.status !== "preview") return { ok: false, message: "This import has already been committed." };
    if (payload.errors.length) return { ok: false, message: "Correct the rows listed and upload the file again: nothing was imported." };
    const flagged = flaggedRows(payload);
    const reason = overrideReason.trim();
    if (flagged.length && reason.length < MIN_OVERRIDE_REASON)
      return { ok: false, field: "overrideReason", message: `Give a reason of at least ${MIN_OVERRIDE_REASON} characters to keep the text flagged on ${flagged.length === 1 ? "line" : "lines"} ${flagged.map((f) => f.line).join(", ")}, or correct the file and upload it again: nothing was imported.` };
    const [existing] = await tx.select({ id: cases.id }).from(cases).where(and(eq(cases.id, caseId), eq(cases.workspaceId, workspaceId)));
    if (!existing) return { ok: false, message: "This case was not found." };
    const values = payload.rows.map((r) => ({
      id: newId(),
      workspaceId,
      caseId,
      occurredOn: r.occurredOn,
      agencyId: r.agencyId,
      service: r.service,
      kind: r.kind,
      householdMemberId: r.householdMemberId,
      description: r.description,
      recordingAgencyId: r.recordingAgencyId,
      approach: r.approach,
      costPence: r.costPence,
      unitCostId: r.unitCostId,
      quantityMilli: r.quantityMilli,
      episodeKey: r.episodeKey,
      importId,
      createdBy: actor.userId,
    }));
    for (let i = 0; i < values.length; i += 200) await tx.insert(journeyEvents).values(values.slice(i, i + 200));
    await tx.update(imports).set({ status: "committed", committedAt: Date.now() }).where(eq(imports.id, importId));
    await refreshCaseTotals(tx, [caseId]);
    await recordAudit({ kind: "case.events_imported", workspaceId, actorUserId: actor.userId, targetType: "case", targetId: caseId, detail: { importId, events: values.length }, ipAddress: actor.ipAddress }, tx);
    if (flagged.length)
      await recordAudit(
        {
          kind: "case.identifier_override",
          workspaceId,
          actorUserId: actor.userId,
          targetType: "import",
          targetId: importId,
          detail: { caseId, lines: flagged.map((f) => ({ line: f.line, fields: f.fields.map(({ field, kinds }) => ({ field, kinds })) })), reason },
          ipAddress: actor.ipAddress,
        },
        tx,
      );
    return { ok: true, count: values.length };
  });
}
