/** The largest indicator values file accepted (kept apart from the parser so pages can name it without bundling csv-parse). */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;
