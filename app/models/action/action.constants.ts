export const ACTION_STATUS_LABELS = { open: "Not yet done", partly: "Partly done", done: "Done" } as const;
