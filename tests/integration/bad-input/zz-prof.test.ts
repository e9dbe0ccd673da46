import { it } from "vitest";
import { fingerprintDatabase } from "../../helpers/db-fingerprint";
import { buildGuardWorld } from "../../helpers/guard-table";
import { discoverFieldNames, discoverIntents, hostileForms, readRouteSources } from "./hostile-forms";
it("prof", async () => {
  await buildGuardWorld();
  let t = Date.now();
  for (let i = 0; i < 20; i++) await fingerprintDatabase();
  console.log("fp x20", Date.now() - t);
  const s = readRouteSources("w.$ws.sets.$id.meetings.$meetingId.run.tsx");
  const f = discoverFieldNames(s), n = discoverIntents(s);
  console.log(f.length, n.length, n);
  t = Date.now();
  const forms = hostileForms(f, n);
  console.log("forms", forms.length, Date.now() - t);
  t = Date.now();
  for (const h of forms) await new Request("http://x/", { method: "POST", body: h.form }).formData();
  console.log("parse", Date.now() - t);
});
