import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";

import { recordAudit } from "../models/audit/audit.server";
import { blankSessionCookie, getSessionFromRequest, invalidateSession } from "../utils/auth.server";
import { redirectWithFlash } from "../utils/flash.server";
import { getClientIp } from "../utils/request.server";

// Public: signing out is a POST; a GET just goes home.
export async function loader(_args: LoaderFunctionArgs) {
  return redirect("/");
}

// Public: ends the current session if there is one.
export async function action({ request }: ActionFunctionArgs) {
  const auth = await getSessionFromRequest(request);
  if (auth) {
    await invalidateSession(auth.session.id);
    await recordAudit({ kind: "auth.sign_out", actorUserId: auth.user.id, ipAddress: getClientIp(request) });
  }
  const headers = new Headers();
  headers.append("Set-Cookie", blankSessionCookie());
  // Offline copies (IndexedDB) must not outlive the session on a shared computer. Browsers that
  // honour Clear-Site-Data (secure origins) delete them with this response; the next page's
  // OfflineCopySweeper deletes them everywhere else (ADR 007).
  headers.set("Clear-Site-Data", '"storage"');
  return redirectWithFlash("/login", {
    kind: "info",
    message: "You have signed out. The copies of logs and meeting notes this browser kept for offline editing have been deleted from it.",
  }, { headers });
}
