import { denyAccess, requireWorkspaceAccess } from "../../utils/access.server";
import { getClientIp } from "../../utils/request.server";
import { getInquiry } from "../inquiry/inquiry.server";
import { parseExportQuery, type ExportFormat } from "./export.schema";
import { createExport } from "./export.server";

/**
 * The one loader behind every export file route: guard (`export:create`: owners, facilitators,
 * evaluators), parse the query, build, audit, and send the file as a download nobody caches.
 */
export async function exportFileResponse(
  request: Request,
  params: { ws?: string },
  format: ExportFormat,
): Promise<Response> {
  const access = await requireWorkspaceAccess(request, params.ws, "export:create");
  const parsed = parseExportQuery(new URL(request.url));
  if (!parsed.success) {
    const message = parsed.error.issues.map((i) => i.message).join(". ");
    return new Response(`This export could not be made: ${message}.`, {
      status: 400,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  }
  if (
    parsed.data.inquiry &&
    !(await getInquiry({ workspaceId: access.workspace.id, inquiryId: parsed.data.inquiry }))
  ) {
    // Another workspace's inquiry, or none: the export must not reveal which.
    throw await denyAccess(access, request, 404, {
      reason: "export-inquiry-not-found",
      inquiryId: parsed.data.inquiry,
    });
  }
  const file = await createExport({
    workspace: access.workspace,
    exporter: { userId: access.user.id, displayName: access.user.displayName },
    query: parsed.data,
    format,
    ipAddress: getClientIp(request),
  });
  const body = typeof file.body === "string" ? file.body : new Uint8Array(file.body);
  return new Response(body, {
    status: 200,
    headers: {
      "Content-Type": file.contentType,
      "Content-Disposition": `attachment; filename="${file.fileName}"`,
      "Content-Length": String(
        typeof file.body === "string" ? Buffer.byteLength(file.body) : file.body.length,
      ),
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
