import { resolve } from "node:path";

import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

import { ROOT } from "../../setup/paths";

/*
 * The import rules of eslint.config.js (ADR 007), proved with ESLint's own Node API on code that
 * imports the wrong way: each must fail lint with the rule that guards it, and the right way must
 * pass. The wrong-way sources are linted as if they were files at the paths given.
 */
const eslint = new ESLint({ cwd: ROOT });

async function ruleIdsFor(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: resolve(ROOT, filePath) });
  return result.messages.map((m) => m.ruleId ?? `fatal: ${m.message}`);
}

describe("lint keeps imports flowing one way (routes → models → collab/utils → db)", () => {
  it("the collaboration layer importing a model fails lint", async () => {
    const code = `import { onLogDerived } from "../models/log/log-document.server";\n\nexport const handler = onLogDerived;\n`;
    expect(await ruleIdsFor(code, "app/collab/wrong-way.server.ts")).toContain("import-x/no-restricted-paths");
  });

  it("a model importing a component fails lint", async () => {
    const code = `import { DOCUMENT_FIELD } from "../../components/editor/extensions";\n\nexport const field = DOCUMENT_FIELD;\n`;
    expect(await ruleIdsFor(code, "app/models/log/wrong-way.server.ts")).toContain("import-x/no-restricted-paths");
  });

  it("the database schema importing app code fails lint", async () => {
    const code = `import { VISIBILITY_LABELS } from "../../app/models/log/log.policy";\n\nexport const labels = VISIBILITY_LABELS;\n`;
    expect(await ruleIdsFor(code, "db/schema/wrong-way.ts")).toContain("import-x/no-restricted-paths");
  });

  it("a model importing a route fails lint", async () => {
    const code = `import { loader } from "../../routes/logout";\n\nexport const wrong = loader;\n`;
    expect(await ruleIdsFor(code, "app/models/log/wrong-way.server.ts")).toContain("import-x/no-restricted-paths");
  });

  it("two files importing each other fail lint as a cycle", async () => {
    const results = await new ESLint({ cwd: ROOT, ignore: false }).lintFiles([resolve(ROOT, "tests/integration/lint/fixtures/cycle-a.ts")]);
    expect(results[0].messages.map((m) => m.ruleId)).toContain("import-x/no-cycle");
  });

  it("imports that flow the right way pass", async () => {
    const code = `import { documentName } from "../../collab/document-name";\nimport { db } from "../../utils/db.server";\n\nexport const name = documentName("log", "abc");\nexport const database = db;\n`;
    expect(await ruleIdsFor(code, "app/models/log/right-way.server.ts")).toEqual([]);
  });
});
