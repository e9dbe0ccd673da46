import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";

import { CaseForm } from "../components/cases/case-form";
import { EventForm } from "../components/cases/event-form";
import { DeleteOnDemand } from "../components/delete-on-demand";
import { ErrorSummary } from "../components/forms";
import { EditOnDemand } from "../components/learning/edit-on-demand";
import { formatDay } from "../components/learning/format";
import { listActiveAgencies } from "../models/agency/agency.server";
import { APPROACH_LABELS, KIND_LABELS, PURPOSE_LABELS, PURPOSE_VALUES, STATUS_LABELS } from "../models/case/case-labels";
import { buildCaseView } from "../models/case/case-view";
import { canManageCases } from "../models/case/case.policy";
import { caseActionSchema } from "../models/case/case.schema";
import { addJourneyEvent, deleteCase, getCase, getCaseSettings, getSessionPurpose, recordCaseRead, listCriteria, listJourneyEvents, listLocalityOptions, setSessionPurpose, updateCase, unitCostOptionLabel } from "../models/case/case.server";
import { formatPence } from "../models/case/money";
import { InputError, replyOptions } from "../models/set/input-error";
import { listUnitCostOptions } from "../models/unit-cost/unit-cost-lookup.server";
import { denyAccess, requireWorkspaceAccess } from "../utils/access.server";
import { redirectWithFlash } from "../utils/flash.server";
import { getClientIp } from "../utils/request.server";

export const meta: MetaFunction<typeof loader> = ({ data: d }) => [{ title: `Case ${d?.caseRow.reference ?? ""} — Praxis` }];

const caseId = z.string().min(1).max(64);

const month = new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", month: "long", year: "numeric" });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireWorkspaceAccess(request, params.ws, "evidence:read");
  const id = caseId.safeParse(params.id);
  const caseRow = id.success ? await getCase(access.workspace.id, id.data) : null;
  if (!caseRow) throw await denyAccess(access, request, 404, { reason: "case-not-found", caseId: params.id });
  const slug = access.workspace.slug;
  const purpose = await getSessionPurpose(access.session.id, access.workspace.id);
  if (!purpose) return { slug, caseRow: { id: caseRow.id, reference: caseRow.reference }, needsPurpose: true as const };

  const canManage = canManageCases(access.role);
  const [stored, settings, agencies, unitCosts, localities, criteria] = await Promise.all([
    listJourneyEvents(access.workspace.id, caseRow.id),
    getCaseSettings(access.workspace.id),
    canManage ? listActiveAgencies(access.workspace.id) : Promise.resolve([]),
    canManage ? listUnitCostOptions(access.workspace.id) : Promise.resolve([]),
    canManage ? listLocalityOptions(access.workspace.id) : Promise.resolve([]),
    canManage ? listCriteria(access.workspace.id) : Promise.resolve({ common: [], own: [] }),
  ]);
  const view = buildCaseView(caseRow.reference, { role: access.role, agencyId: access.membership.agencyId }, stored, settings, Date.now());
  // Every detailed read is audited with the purpose given for this session.
  await recordCaseRead({ userId: access.user.id, ipAddress: getClientIp(request) }, access.workspace.id, caseRow.id, purpose, { reference: caseRow.reference, level: view.level, eventsInFull: view.fullCount, events: view.events.length });
  return {
    slug,
    caseRow,
    needsPurpose: false as const,
    purpose,
    canManage,
    settings,
    view,
    agencies: agencies.map((a) => ({ value: a.id, label: a.name })),
    household: caseRow.household.map((m) => ({ value: m.id, label: m.label })),
    localities: localities.map((l) => ({ value: l.id, label: l.name })),
    criteria: criteria.common.map((c) => ({ value: c.id, label: c.label })),
    caseDefaults: canManage
      ? {
          reference: caseRow.reference,
          localityId: caseRow.localityId ?? "",
          owningAgencyId: caseRow.owningAgencyId ?? "",
          status: caseRow.status,
          adults: String(caseRow.household.filter((m) => m.role === "adult").length),
          children: String(caseRow.household.filter((m) => m.role === "child").length),
          grandparents: String(caseRow.household.filter((m) => m.role === "grandparent").length),
          extendedFamily: String(caseRow.household.filter((m) => m.role === "extended_family").length),
          criteriaIds: caseRow.criteria.map((c) => c.id),
        }
      : null,
    unitCosts: unitCosts.map((u) => ({ value: u.id, label: unitCostOptionLabel(u) })),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const access = await requireWorkspaceAccess(request, params.ws, "evidence:read");
  const id = caseId.safeParse(params.id);
  const caseRow = id.success ? await getCase(access.workspace.id, id.data) : null;
  if (!caseRow) throw await denyAccess(access, request, 404, { reason: "case-not-found", caseId: params.id });
  const formData = await request.formData();
  // Anyone who may read gives a purpose; every other intent changes evidence and is for its stewards only.
  if (formData.get("intent") !== "purpose" && !canManageCases(access.role)) throw await denyAccess(access, request, 403, { reason: "cannot-manage-cases", caseId: caseRow.id });
  const submission = parseWithZod(formData, { schema: caseActionSchema });
  if (submission.status !== "success") return data({ target: String(formData.get("intent") ?? ""), result: submission.reply() }, { status: 400 });
  const actor = { userId: access.user.id, ipAddress: getClientIp(request) };
  const input = submission.value;
  const here = `/w/${access.workspace.slug}/cases/${caseRow.id}`;
  if (input.intent === "purpose") {
    await setSessionPurpose(actor, access.session.id, access.workspace.id, input.purpose);
    return redirectWithFlash(here, { kind: "success", message: `Purpose recorded: ${PURPOSE_LABELS[input.purpose]}` });
  }
  try {
    if (input.intent === "delete-case") {
      const reference = await deleteCase(actor, access.workspace.id, caseRow.id);
      if (!reference) throw await denyAccess(access, request, 404, { reason: "case-not-found", caseId: caseRow.id });
      return redirectWithFlash(`/w/${access.workspace.slug}/cases`, { kind: "success", message: `Case ${reference} deleted` });
    }
    if (input.intent === "update-case") {
      await updateCase(actor, access.workspace.id, caseRow.id, input);
      return redirectWithFlash(here, { kind: "success", message: `Case ${input.reference} saved` });
    }
    await addJourneyEvent(actor, access.workspace.id, caseRow.id, input);
    return redirectWithFlash(`${here}#journey-table`, { kind: "success", message: "Event added to the journey" });
  } catch (error) {
    if (error instanceof InputError) return data({ target: input.intent, result: submission.reply(replyOptions(error)) }, { status: 400 });
    throw error;
  }
}

const PRINT_CSS = `@media print {
  nav, header, .site-header, form, .no-print, [aria-label="Current workspace"] { display: none !important; }
  main { max-width: none !important; padding: 0 !important; }
  .journey-chart { width: 100% !important; page-break-inside: avoid; }
  table { font-size: 9pt; }
  .card { border: none !important; box-shadow: none !important; }
}`;

export default function CasePage() {
  const loaded = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  if (loaded.needsPurpose) return <PurposePrompt reference={loaded.caseRow.reference} errors={actionData?.result.error?.purpose ?? undefined} />;
  const { slug, caseRow, purpose, canManage, settings, view, agencies, household, unitCosts, localities, criteria, caseDefaults } = loaded;
  const resultFor = (target: string) => (actionData && "target" in actionData && actionData.target === target ? actionData.result : undefined);
  const { evidence } = view;
  const eventMonth = (ms: number, full: boolean) => (full ? formatDay(ms) : month.format(new Date(ms)));
  const byId = new Map(view.events.map((e) => [e.id, e]));
  return (
    <main id="main" className="mx-auto max-w-6xl px-4 py-8">
      <style dangerouslySetInnerHTML={{ __html: PRINT_CSS }} />
      <p className="no-print text-sm">
        <Link to={`/w/${slug}/cases`}>All cases</Link>
      </p>
      <h1 className="page-title">Case {caseRow.reference}</h1>
      <dl className="mt-3 grid gap-x-6 gap-y-1 text-sm sm:grid-cols-4">
        <div>
          <dt className="font-semibold">Status</dt>
          <dd>{STATUS_LABELS[caseRow.status]}</dd>
        </div>
        <div>
          <dt className="font-semibold">Area</dt>
          <dd>{caseRow.localityName ?? "Not recorded"}</dd>
        </div>
        <div>
          <dt className="font-semibold">Owning agency</dt>
          <dd>{caseRow.owningAgencyName ?? "None yet"}</dd>
        </div>
        <div>
          <dt className="font-semibold">Household</dt>
          <dd>{caseRow.household.length ? caseRow.household.map((m) => m.label).join(", ") : "Not recorded"}</dd>
        </div>
        <div className="sm:col-span-4">
          <dt className="font-semibold">Common criteria met</dt>
          <dd>{caseRow.criteria.length ? caseRow.criteria.map((c) => c.label).join("; ") : "None recorded"}</dd>
        </div>
      </dl>
      {canManage && caseDefaults ? (
        <div className="no-print max-w-3xl">
          <EditOnDemand label="Change the case details" open={Boolean(resultFor("update-case"))} className="mt-4">
            <div className="card mt-3">
              <CaseForm id="edit-case" intent="update-case" submitLabel="Save case" lastResult={resultFor("update-case")} localities={localities} agencies={agencies} criteria={criteria} defaults={caseDefaults} />
            </div>
          </EditOnDemand>
          <DeleteOnDemand
            label="Delete this case"
            confirmLabel={`Yes, delete case ${caseRow.reference}`}
            fields={{ intent: "delete-case" }}
            error={resultFor("delete-case")?.error?.confirm?.join(". ")}
            className="mt-3"
          >
            <p>
              Deleting case {caseRow.reference} removes its household, criteria and all {view.events.length} journey events. This cannot be undone; the deletion is recorded in the audit log.
            </p>
          </DeleteOnDemand>
        </div>
      ) : null}
      <p className="mt-3 text-sm text-slate-700">
        Reading for: <strong>{PURPOSE_LABELS[purpose]}</strong> (recorded in the audit log).{" "}
        {view.level === "full"
          ? "You see every event in full."
          : view.level === "partial"
            ? "You see in full the events your agency recorded; the others are de-identified: kind, agency, month and cost."
            : "You see the de-identified journey: kinds, agencies, dates to the month and costs. Descriptions are visible to analysts and to the agency that recorded each event."}
      </p>

      <section aria-labelledby="evidence-heading" className="mt-8">
        <h2 id="evidence-heading" className="text-xl font-bold">
          What the journey shows
        </h2>
        <dl className="mt-3 grid gap-4 sm:grid-cols-4">
          <Figure label="Agencies involved" value={String(evidence.agencyCount)} />
          <Figure label="Contacts" value={String(evidence.contacts)} />
          <Figure label="Cost to date" value={formatPence(evidence.totalPence)} />
          <Figure label="Reactive / preventative" value={`${formatPence(evidence.reactivePence)} / ${formatPence(evidence.preventativePence)}`} />
        </dl>
        <div className="card mt-4 overflow-x-auto p-0">
          <table className="table">
            <caption className="px-3 pt-3 text-left font-semibold">Contacts and cost by agency</caption>
            <thead>
              <tr>
                <th scope="col">Agency</th>
                <th scope="col">Contacts</th>
                <th scope="col">Cost to date</th>
              </tr>
            </thead>
            <tbody>
              {evidence.agencies.map((a) => (
                <tr key={a.agencyId ?? "none"}>
                  <td>{a.agencyName}</td>
                  <td>{a.contacts}</td>
                  <td>{formatPence(a.costPence)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div className="mt-4 grid gap-4 md:grid-cols-2">
          <div className="card">
            <h3 className="font-semibold">Duplication</h3>
            <p className="hint">The same kind of assessment by two or more agencies within {settings.duplicationDays} days.</p>
            {evidence.duplications.length === 0 ? <p className="text-sm">None found.</p> : null}
            <ul className="list-disc pl-5 text-sm">
              {evidence.duplications.map((d) => (
                <li key={d.eventIds.join()}>
                  {d.agencies.join(", ")} assessed between {eventMonth(byId.get(d.eventIds[0])?.occurredOn ?? d.fromDay, Boolean(byId.get(d.eventIds[0])?.full))} and{" "}
                  {eventMonth(byId.get(d.eventIds[d.eventIds.length - 1])?.occurredOn ?? d.toDay, Boolean(byId.get(d.eventIds[d.eventIds.length - 1])?.full))} ({d.eventIds.length} assessments)
                </li>
              ))}
            </ul>
          </div>
          <div className="card">
            <h3 className="font-semibold">Gaps</h3>
            <p className="hint">A crisis followed by no support for more than {settings.gapDays} days.</p>
            {evidence.gaps.length === 0 ? <p className="text-sm">None found.</p> : null}
            <ul className="list-disc pl-5 text-sm">
              {evidence.gaps.map((g) => {
                const crisis = byId.get(g.crisisId);
                const next = g.nextSupportId ? byId.get(g.nextSupportId) : undefined;
                return (
                  <li key={g.crisisId}>
                    Crisis ({crisis?.agencyName}, {eventMonth(crisis?.occurredOn ?? g.crisisOn, Boolean(crisis?.full))}):{" "}
                    {next ? `${g.days} days until ${KIND_LABELS[next.kind].toLowerCase()} by ${next.agencyName}` : `no support recorded since (${g.days} days)`}
                  </li>
                );
              })}
            </ul>
          </div>
        </div>
      </section>

      <section aria-labelledby="picture-heading" className="mt-8">
        <h2 id="picture-heading" className="text-xl font-bold">
          Journey picture
        </h2>
        <p className="hint">One row per agency; each shape is a kind of event (see the key); filled shapes are reactive, hollow ones preventative. The line below is the cumulative cost. The table after it holds the same events.</p>
        {/* The SVG is built by renderJourneyChart, which escapes every text it draws. */}
        <figure className="card mt-3 overflow-x-auto" dangerouslySetInnerHTML={{ __html: view.chartSvg }} />
      </section>

      <section aria-labelledby="journey-table-heading" className="mt-8" id="journey-table">
        <h2 id="journey-table-heading" className="text-xl font-bold">
          Journey events
        </h2>
        {view.events.length === 0 ? <p className="mt-2">No events recorded yet.</p> : null}
        {view.events.length ? (
          <div className="card mt-3 overflow-x-auto p-0">
            <table className="table">
              <caption className="sr-only">Journey events of case {caseRow.reference}, oldest first</caption>
              <thead>
                <tr>
                  <th scope="col">Date</th>
                  <th scope="col">Agency</th>
                  <th scope="col">Kind</th>
                  <th scope="col">Approach</th>
                  <th scope="col">Cost</th>
                  <th scope="col">Account</th>
                  {canManage ? (
                    <th scope="col" className="no-print">
                      <span className="sr-only">Change</span>
                    </th>
                  ) : null}
                </tr>
              </thead>
              <tbody>
                {view.events.map((e) => (
                  <tr key={e.id}>
                    <td className="whitespace-nowrap">{eventMonth(e.occurredOn, e.full)}</td>
                    <td>{e.agencyName}</td>
                    <td>{KIND_LABELS[e.kind]}</td>
                    <td>{APPROACH_LABELS[e.approach]}</td>
                    <td className="whitespace-nowrap">
                      {formatPence(e.costPence)}
                      {e.costBasis ? <span className="block text-xs text-slate-700">{e.costBasis}</span> : null}
                    </td>
                    <td>
                      {e.detail ? (
                        <>
                          {e.detail.service ? <span className="block font-semibold">{e.detail.service}</span> : null}
                          {e.detail.memberLabel ? <span className="block">Concerns {e.detail.memberLabel}</span> : null}
                          {e.detail.description ? <span className="block">{e.detail.description}</span> : null}
                          <span className="block text-xs text-slate-700">Recorded by {e.detail.recordingAgencyName ?? e.agencyName}</span>
                        </>
                      ) : (
                        <span className="text-slate-700">De-identified</span>
                      )}
                      {e.disagreement ? (
                        <span className="badge mt-1 border border-amber-800 bg-amber-50 text-amber-900">
                          <span aria-hidden="true">⚠&nbsp;</span>Accounts of episode {e.episodeKey} differ: {e.disagreement.join(", ")}
                        </span>
                      ) : e.episodeKey ? (
                        <span className="block text-xs text-slate-700">Episode {e.episodeKey}</span>
                      ) : null}
                    </td>
                    {canManage ? (
                      <td className="no-print">
                        <Link to={`/w/${slug}/cases/${caseRow.id}/events/${e.id}`}>
                          Change<span className="sr-only"> the {KIND_LABELS[e.kind].toLowerCase()} of {eventMonth(e.occurredOn, e.full)} by {e.agencyName}</span>
                        </Link>
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </section>

      {canManage ? (
        <section aria-labelledby="add-event-heading" className="no-print mt-10 max-w-3xl">
          <h2 id="add-event-heading" className="text-xl font-bold">
            Add an event
          </h2>
          <p className="mt-1 text-sm">
            Or <Link to={`/w/${slug}/cases/${caseRow.id}/import`}>import events from a CSV file</Link>.
          </p>
          <div className="card mt-3">
            <EventForm lastResult={resultFor("add-event")} agencies={agencies} household={household} unitCosts={unitCosts} />
          </div>
        </section>
      ) : null}
    </main>
  );
}

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <div className="card">
      <dt className="text-sm font-semibold text-slate-700">{label}</dt>
      <dd className="text-lg font-bold">{value}</dd>
    </div>
  );
}

function PurposePrompt({ reference, errors }: { reference: string; errors?: string[] }) {
  return (
    <main id="main" className="mx-auto max-w-3xl px-4 py-8">
      <h1 className="page-title">Case {reference}: why are you reading it?</h1>
      <p className="mt-2 text-slate-700">
        Case-level detail is confidential. Say why you are reading it; the purpose is recorded with every case you open in this session, and the workspace owner can see it in the audit log.
      </p>
      <ErrorSummary id="purpose-errors" errors={errors?.length ? errors.map((message) => ({ fieldId: "purpose-case_review", message })) : []} />
      <Form method="post" className="card mt-4">
        <input type="hidden" name="intent" value="purpose" />
        <fieldset aria-describedby={errors?.length ? "purpose-error" : undefined}>
          <legend className="label">Purpose</legend>
          {errors?.length ? (
            <p id="purpose-error" className="field-error">
              <span className="sr-only">Error: </span>
              {errors.join(". ")}
            </p>
          ) : null}
          {PURPOSE_VALUES.map((p) => (
            <label key={p} className="mt-2 flex items-center gap-2">
              <input type="radio" name="purpose" value={p} id={`purpose-${p}`} required />
              {PURPOSE_LABELS[p]}
            </label>
          ))}
        </fieldset>
        <button type="submit" className="btn-primary mt-4">
          Continue to the case
        </button>
      </Form>
    </main>
  );
}
