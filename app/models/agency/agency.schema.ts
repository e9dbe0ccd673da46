import { z } from "zod";

import type { AgencyKind } from "../../../db/schema/core";
import { idSchema } from "../membership/membership.schema";

/** UK labels for the kinds of partner organisation (keys are AGENCY_KINDS in db/schema/core.ts). */
export const AGENCY_KIND_LABELS: Record<AgencyKind, string> = {
  council: "Council service",
  police: "Police",
  health: "Health (NHS)",
  education: "Education",
  housing: "Housing",
  voluntary: "Voluntary sector",
  national: "National agency",
  other: "Other",
};

export const AGENCY_KIND_VALUES = Object.keys(AGENCY_KIND_LABELS) as [AgencyKind, ...AgencyKind[]];

const agencyFields = {
  name: z
    .string({ error: "Enter the agency’s name" })
    .trim()
    .min(1, "Enter the agency’s name")
    .max(120, "Name must be 120 characters or fewer"),
  kind: z.enum(AGENCY_KIND_VALUES, { error: "Choose what kind of organisation it is" }),
};

export const createAgencySchema = z.object({ intent: z.literal("create"), ...agencyFields });

export const updateAgencySchema = z.object({
  intent: z.literal("update"),
  agencyId: idSchema("Choose an agency"),
  ...agencyFields,
});

export const archiveAgencySchema = z.object({
  intent: z.enum(["archive", "unarchive"]),
  agencyId: idSchema("Choose an agency"),
});

export const agenciesActionSchema = z.discriminatedUnion(
  "intent",
  [createAgencySchema, updateAgencySchema, archiveAgencySchema],
  { error: "This form was not recognised. Reload the page and try again." },
);
