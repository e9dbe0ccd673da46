import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";

import { DeleteOnDemand } from "../components/delete-on-demand";
import { UnitCostForm } from "../components/unit-costs/unit-cost-form";
import { penceToInput } from "../models/unit-cost/money";
import { unitCostFieldsSchema } from "../models/unit-cost/unit-cost.schema";
import { countEventsCostedWith, deleteUnitCost, fieldsFromForm, getUnitCost, updateUnitCost } from "../models/unit-cost/unit-cost.server";
import { denyAccess, requireWorkspaceAccess } from "../utils/access.server";
import { redirectWithFlash } from "../utils/flash.server";
import { getClientIp } from "../utils/request.server";

export const meta: MetaFunction = () => [{ title: "Edit unit cost — Praxis" }];

const actionSchema = z.discriminatedUnion("intent", [unitCostFieldsSchema.extend({ intent: z.literal("update") }), z.object({ intent: z.literal("delete"), unitCostId: z.string().min(1).max(64) })]);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireWorkspaceAccess(request, params.ws, "evidence:manage");
  const entry = params.id ? await getUnitCost(access.workspace.id, params.id) : null;
  if (!entry) throw await denyAccess(access, request, 404, { reason: "unit-cost-not-found", unitCostId: params.id });
  const eventsCosted = await countEventsCostedWith(access.workspace.id, entry.id);
  return { slug: access.workspace.slug, entry: { ...entry, fiscalCost: penceToInput(entry.fiscalCostPence) }, eventsCosted };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const access = await requireWorkspaceAccess(request, params.ws, "evidence:manage");
  const submission = parseWithZod(await request.formData(), { schema: actionSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const actor = { userId: access.user.id, ipAddress: getClientIp(request) };
  const id = params.id ?? "";
  const base = `/w/${access.workspace.slug}/unit-costs`;
  if (submission.value.intent === "delete") {
    // The form names the entry it was rendered for, so a stray post cannot delete another.
    if (submission.value.unitCostId !== id) return data({ result: submission.reply({ formErrors: ["This form is for another unit cost: reload the page."] }) }, { status: 400 });
    if (!(await deleteUnitCost(actor, access.workspace.id, id))) throw await denyAccess(access, request, 404, { reason: "unit-cost-not-found", unitCostId: id });
    return redirectWithFlash(base, { kind: "success", message: "Unit cost deleted" });
  }
  if (!(await updateUnitCost(actor, access.workspace.id, id, fieldsFromForm(submission.value)))) {
    throw await denyAccess(access, request, 404, { reason: "unit-cost-not-found", unitCostId: id });
  }
  return redirectWithFlash(`${base}#unit-cost-${id}`, { kind: "success", message: "Unit cost saved" });
}

export default function EditUnitCostPage() {
  const { slug, entry, eventsCosted } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <main id="main" className="mx-auto max-w-4xl px-4 py-8">
      <p>
        <Link to={`/w/${slug}/unit-costs`}>Back to unit costs</Link>
      </p>
      <h1 className="page-title mt-2">Edit unit cost {entry.costCode}</h1>
      <div className="card mt-6">
        <UnitCostForm
          id="edit-unit-cost"
          unitCostId={entry.id}
          lastResult={actionData?.result}
          defaults={{
            costCode: entry.costCode,
            outcomeCategory: entry.outcomeCategory,
            outcomeDetail: entry.outcomeDetail,
            description: entry.description,
            unit: entry.unit,
            fiscalCost: entry.fiscalCost,
            agency: entry.agency,
            agencyDetail: entry.agencyDetail,
            priceYear: entry.priceYear,
            source: entry.source,
            confidence: entry.confidence,
          }}
          submitLabel="Save unit cost"
        />
      </div>
      <section className="mt-8" aria-labelledby="delete-title">
        <h2 id="delete-title" className="text-xl font-bold">
          Delete this unit cost
        </h2>
        <DeleteOnDemand label="Delete unit cost" confirmLabel="Yes, delete this unit cost" fields={{ intent: "delete", unitCostId: entry.id }} className="mt-3">
          <p>
            Deleting removes “{entry.description}” from the library.{" "}
            {eventsCosted
              ? `${eventsCosted === 1 ? "One journey event is" : `${eventsCosted} journey events are`} costed with it: ${eventsCosted === 1 ? "it loses its cost" : "they lose their cost"}, and the cases' totals fall by it.`
              : "No journey event is costed with it."}{" "}
            This cannot be undone.
          </p>
        </DeleteOnDemand>
      </section>
    </main>
  );
}
