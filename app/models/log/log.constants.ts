/*
 * The log domain's enumerations for forms and pages. Defined with the columns that store them
 * (db/enums.ts) so the schema imports nothing from the app; re-exported here for the domain.
 */
export { LOG_TEMPLATES, LOG_VERSION_KINDS, LOG_VISIBILITIES, type LogTemplate, type LogVersionKind, type LogVisibility } from "../../../db/enums";
