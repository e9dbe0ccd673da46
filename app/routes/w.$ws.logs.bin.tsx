import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation } from "@remix-run/react";

import { VISIBILITY_SHORT } from "../models/log/log.policy";
import { binActionSchema } from "../models/log/log.schema";
import { listDeletedLogs, purgeExpiredLogs, restoreDeletedLog } from "../models/log/log.server";
import { denyAccess, requireWorkspaceAccess } from "../utils/access.server";
import { formatDate, formatDateTime, isoDateTime } from "../utils/dates";
import { redirectWithFlash } from "../utils/flash.server";
import { getClientIp } from "../utils/request.server";

export const meta: MetaFunction = () => [{ title: "Bin — Learning logs — Praxis" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { workspace, user, role } = await requireWorkspaceAccess(request, params.ws, "log:edit");
  // Opening the bin is also when expired logs are purged: nothing outlives 30 days in it.
  await purgeExpiredLogs();
  const deleted = await listDeletedLogs(workspace.id, user.id, role);
  return { slug: workspace.slug, deleted };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const access = await requireWorkspaceAccess(request, params.ws, "log:edit");
  const { workspace, user, role } = access;
  const submission = parseWithZod(await request.formData(), { schema: binActionSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const restored = await restoreDeletedLog({ userId: user.id, role, workspaceId: workspace.id, ipAddress: getClientIp(request) }, submission.value.logId);
  if (!restored) throw await denyAccess(access, request, 404, { reason: "log-not-in-bin", logId: submission.value.logId });
  return redirectWithFlash(`/w/${workspace.slug}/logs/${submission.value.logId}`, { kind: "success", message: "Log restored from the bin" });
}

export default function LogsBin() {
  const { slug, deleted } = useLoaderData<typeof loader>();
  const navigation = useNavigation();
  return (
    <main id="main" className="mx-auto max-w-5xl px-4 py-8">
      <p className="mb-2 text-sm">
        <Link to={`/w/${slug}/logs`}>Learning logs</Link>
      </p>
      <h1 className="page-title">Bin</h1>
      <p className="mt-2 max-w-3xl text-slate-700">
        Deleted logs stay here for 30 days, then they are deleted for good. You see the logs you wrote or deleted; owners see
        every deleted log they could read. Private and set logs appear only to people who could read them.
      </p>
      {deleted.length === 0 ? (
        <p className="mt-6 text-slate-700">The bin is empty.</p>
      ) : (
        <table className="table mt-6">
          <caption className="sr-only">Deleted logs</caption>
          <thead>
            <tr>
              <th scope="col">Title</th>
              <th scope="col">Who could read it</th>
              <th scope="col">Deleted</th>
              <th scope="col">Deleted for good on</th>
              <th scope="col">
                <span className="sr-only">Restore</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {deleted.map((log) => (
              <tr key={log.id}>
                <td>{log.title}</td>
                <td>{VISIBILITY_SHORT[log.visibility]}</td>
                <td>
                  <time dateTime={isoDateTime(log.deletedAt)}>{formatDateTime(log.deletedAt)}</time>
                  {log.deletedByName ? ` by ${log.deletedByName}` : ""}
                </td>
                <td>{formatDate(log.purgeAt)}</td>
                <td>
                  <Form method="post">
                    <input type="hidden" name="intent" value="restore" />
                    <input type="hidden" name="logId" value={log.id} />
                    <button type="submit" className="btn-secondary" disabled={navigation.state === "submitting"} aria-label={`Restore “${log.title}”`}>
                      Restore
                    </button>
                  </Form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </main>
  );
}
