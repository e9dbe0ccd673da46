import { data, type ActionFunctionArgs } from "@remix-run/node";

import { offlineCopiesCheckSchema, type OfflineCopiesCheck } from "../models/documents/offline-copies.schema";
import { documentsStillWritable } from "../models/documents/offline-copies.server";
import { requireUser } from "../utils/auth.server";

const MAX_BODY_BYTES = 64 * 1024;

/**
 * POST { documents: ["log:…", …] } → { keep: [...] }: which offline copies this browser may keep.
 * Called by the browser on every page it shows (app/components/editor/offline-copy-sweeper.tsx);
 * whatever is not kept is deleted there. Signed out, the caller is redirected to /login, which
 * the browser reads as "delete them all".
 */
export async function action({ request }: ActionFunctionArgs) {
  const { user } = await requireUser(request);
  const body = await request.text();
  if (body.length > MAX_BODY_BYTES) return data({ error: "The list of offline copies is too long to check." }, { status: 413 });
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return data({ error: "Send the list of offline copies as JSON: { documents: [...] }." }, { status: 400 });
  }
  const parsed = offlineCopiesCheckSchema.safeParse(json);
  if (!parsed.success) return data({ error: parsed.error.issues[0]?.message ?? "The list of offline copies is not valid." }, { status: 400 });
  const keep = await documentsStillWritable(user, parsed.data.documents);
  return data({ keep } satisfies OfflineCopiesCheck, { headers: { "Cache-Control": "no-store" } });
}
