import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";

import { EventForm } from "../components/cases/event-form";
import { DeleteOnDemand } from "../components/delete-on-demand";
import { EditOnDemand } from "../components/learning/edit-on-demand";
import { formatDay } from "../components/learning/format";
import { listActiveAgencies } from "../models/agency/agency.server";
import { APPROACH_LABELS, KIND_LABELS } from "../models/case/case-labels";
import { eventActionSchema } from "../models/case/case.schema";
import { deleteJourneyEvent, getCase, getJourneyEvent, getSessionPurpose, recordCaseRead, listJourneyEvents, updateJourneyEvent, unitCostOptionLabel } from "../models/case/case.server";
import { formatPence, penceToInput, quantityToInput } from "../models/case/money";
import { InputError, replyOptions } from "../models/set/input-error";
import { listUnitCostOptions } from "../models/unit-cost/unit-cost-lookup.server";
import { denyAccess, requireWorkspaceAccess } from "../utils/access.server";
import { redirectWithFlash } from "../utils/flash.server";
import { getClientIp } from "../utils/request.server";

export const meta: MetaFunction<typeof loader> = ({ data: d }) => [{ title: `Journey event of case ${d?.caseRow.reference ?? ""} — Praxis` }];

const idParam = z.string().min(1).max(64);

/** Changing an event is for the evidence's stewards; the event must be of this case of this workspace. */
async function findEvent(request: Request, params: LoaderFunctionArgs["params"]) {
  const access = await requireWorkspaceAccess(request, params.ws, "evidence:manage");
  const caseId = idParam.safeParse(params.id);
  const eventId = idParam.safeParse(params.eventId);
  const caseRow = caseId.success ? await getCase(access.workspace.id, caseId.data) : null;
  const event = caseRow && eventId.success ? await getJourneyEvent(access.workspace.id, caseRow.id, eventId.data) : null;
  if (!caseRow || !event) throw await denyAccess(access, request, 404, { reason: "journey-event-not-found", eventId: params.eventId });
  return { access, caseRow, event };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { access, caseRow, event } = await findEvent(request, params);
  const casePath = `/w/${access.workspace.slug}/cases/${caseRow.id}`;
  // The purpose is asked on the case page; every detailed read is audited with it (ADR 011).
  const purpose = await getSessionPurpose(access.session.id, access.workspace.id);
  if (!purpose) throw redirect(casePath);
  const [agencies, unitCosts, events] = await Promise.all([listActiveAgencies(access.workspace.id), listUnitCostOptions(access.workspace.id), listJourneyEvents(access.workspace.id, caseRow.id)]);
  const shown = events.find((e) => e.id === event.id);
  await recordCaseRead({ userId: access.user.id, ipAddress: getClientIp(request) }, access.workspace.id, caseRow.id, purpose, { reference: caseRow.reference, level: "full", eventId: event.id });
  return {
    casePath,
    caseRow: { id: caseRow.id, reference: caseRow.reference },
    event: {
      id: event.id,
      day: formatDay(event.occurredOn),
      agencyName: shown?.agencyName ?? "Agency not recorded",
      kind: KIND_LABELS[event.kind],
      approach: APPROACH_LABELS[event.approach],
      service: event.service,
      memberLabel: shown?.memberLabel ?? null,
      description: event.description,
      recordingAgencyName: shown?.recordingAgencyName ?? null,
      cost: formatPence(shown?.costPence ?? 0),
      costBasis: shown?.unitCostDescription && event.quantityMilli !== null ? `${quantityToInput(event.quantityMilli)} × ${shown.unitCostDescription} (${shown.unitCostPriceYear} prices)` : null,
      episodeKey: event.episodeKey,
    },
    defaults: {
      occurredOn: new Date(event.occurredOn).toISOString().slice(0, 10),
      agencyId: event.agencyId ?? "",
      service: event.service,
      kind: event.kind,
      householdMemberId: event.householdMemberId ?? "",
      description: event.description,
      recordingAgencyId: event.recordingAgencyId && event.recordingAgencyId !== event.agencyId ? event.recordingAgencyId : "",
      approach: event.approach,
      cost: event.costPence === null ? "" : penceToInput(event.costPence),
      unitCostId: event.unitCostId ?? "",
      quantity: event.quantityMilli === null ? "" : quantityToInput(event.quantityMilli),
      episodeKey: event.episodeKey ?? "",
    },
    agencies: agencies.map((a) => ({ value: a.id, label: a.name })),
    household: caseRow.household.map((m) => ({ value: m.id, label: m.label })),
    unitCosts: unitCosts.map((u) => ({ value: u.id, label: unitCostOptionLabel(u) })),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { access, caseRow, event } = await findEvent(request, params);
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: eventActionSchema });
  if (submission.status !== "success") return data({ target: String(formData.get("intent") ?? ""), result: submission.reply() }, { status: 400 });
  const actor = { userId: access.user.id, ipAddress: getClientIp(request) };
  const casePath = `/w/${access.workspace.slug}/cases/${caseRow.id}`;
  const input = submission.value;
  if (input.intent === "delete-event") {
    if (!(await deleteJourneyEvent(actor, access.workspace.id, caseRow.id, event.id))) throw await denyAccess(access, request, 404, { reason: "journey-event-not-found", eventId: event.id });
    return redirectWithFlash(`${casePath}#journey-table`, { kind: "success", message: "Event deleted from the journey" });
  }
  try {
    await updateJourneyEvent(actor, access.workspace.id, caseRow.id, event.id, input);
    return redirectWithFlash(`${casePath}#journey-table`, { kind: "success", message: "Event saved" });
  } catch (error) {
    if (error instanceof InputError) return data({ target: input.intent, result: submission.reply(replyOptions(error)) }, { status: 400 });
    throw error;
  }
}

export default function JourneyEventPage() {
  const { casePath, caseRow, event, defaults, agencies, household, unitCosts } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const resultFor = (target: string) => (actionData?.target === target ? actionData.result : undefined);
  return (
    <main id="main" className="mx-auto max-w-3xl px-4 py-8">
      <p className="text-sm">
        <Link to={`${casePath}#journey-table`}>Back to case {caseRow.reference}</Link>
      </p>
      <h1 className="page-title">
        {event.kind} by {event.agencyName}, {event.day}
      </h1>
      <dl className="card mt-4 grid gap-x-6 gap-y-2 text-sm sm:grid-cols-2">
        <Item label="Date" value={event.day} />
        <Item label="Agency" value={event.agencyName} />
        <Item label="Kind" value={event.kind} />
        <Item label="Preventative or reactive" value={event.approach} />
        <Item label="Service" value={event.service || "Not recorded"} />
        <Item label="Family member concerned" value={event.memberLabel ?? "The whole family"} />
        <Item label="Recorded by" value={event.recordingAgencyName ?? event.agencyName} />
        <Item label="Episode" value={event.episodeKey ?? "None"} />
        <Item label="Cost" value={event.costBasis ? `${event.cost} (${event.costBasis})` : event.cost} />
        <Item label="Description" value={event.description || "None"} className="sm:col-span-2" />
      </dl>
      <EditOnDemand label="Change this event" open={Boolean(resultFor("update-event"))} className="mt-4">
        <div className="card mt-3">
          <EventForm id="edit-event" intent="update-event" submitLabel="Save event" lastResult={resultFor("update-event")} agencies={agencies} household={household} unitCosts={unitCosts} defaults={defaults} />
        </div>
      </EditOnDemand>
      <DeleteOnDemand label="Delete this event" confirmLabel="Yes, delete this event" fields={{ intent: "delete-event" }} error={resultFor("delete-event")?.error?.confirm?.join(". ")} className="mt-3">
        <p>Deleting the event removes it from the journey and from the case&apos;s figures. This cannot be undone; the deletion is recorded in the audit log.</p>
      </DeleteOnDemand>
    </main>
  );
}

function Item({ label, value, className }: { label: string; value: string; className?: string }) {
  return (
    <div className={className}>
      <dt className="font-semibold">{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}
