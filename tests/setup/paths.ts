import { resolve } from "node:path";

export const ROOT = resolve(import.meta.dirname, "../..");
export const TMP_DIR = resolve(ROOT, "tests/.tmp");
/** A migrated, empty database; each test worker copies it (docs/decisions/003-test-database.md). */
export const TEMPLATE_DB = resolve(TMP_DIR, "template.db");
