import { sql } from "drizzle-orm";

import { db } from "../utils/db.server";

// Public: liveness for load balancers; 200 only when the database answers.
export async function loader() {
  try {
    await db().run(sql`select 1`);
    return new Response("ok", { status: 200, headers: { "Content-Type": "text/plain", "Cache-Control": "no-store" } });
  } catch {
    return new Response("database unavailable", { status: 503, headers: { "Content-Type": "text/plain" } });
  }
}
