import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";

import { recordAudit } from "../models/audit/audit.server";
import { blankSessionCookie, getSessionFromRequest, invalidateSession } from "../utils/auth.server";
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
  return redirect("/login", { headers: { "Set-Cookie": blankSessionCookie() } });
}
