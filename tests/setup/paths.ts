import { resolve } from "node:path";

export const ROOT = resolve(import.meta.dirname, "../..");
export const TMP_DIR = resolve(ROOT, "tests/.tmp");
/** A migrated, empty database; each test worker copies it (docs/decisions/003-test-database.md). */
export const TEMPLATE_DB = resolve(TMP_DIR, "template.db");
/**
 * The production build the end-to-end tests serve (copied by global-build.ts): a server started
 * with this as its working directory finds build/index.js and public/ here.
 */
export const APP_BUILD_DIR = resolve(TMP_DIR, "app-build");
