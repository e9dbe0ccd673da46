import { z } from "zod";

import { workspaceFormSchema } from "./workspace.schema";

/* The forms of /w/:ws/settings (each with its `intent`). */

const localityName = z
  .string({ error: "Enter the locality’s name" })
  .trim()
  .min(1, "Enter the locality’s name")
  .max(80, "Locality name must be 80 characters or fewer");

const localityId = z
  .string({ error: "Choose a locality" })
  .min(1, "Choose a locality")
  .max(64)
  .regex(/^[a-z0-9]+$/i, "Choose a locality");

export const detailsFormSchema = workspaceFormSchema.extend({ intent: z.literal("details") });
export const addLocalitySchema = z.object({
  intent: z.literal("locality-add"),
  name: localityName,
});
export const renameLocalitySchema = z.object({
  intent: z.literal("locality-rename"),
  localityId,
  name: localityName,
});
export const moveLocalitySchema = z.object({
  intent: z.literal("locality-move"),
  localityId,
  direction: z.enum(["up", "down"]),
});
export const archiveLocalitySchema = z.object({
  intent: z.enum(["locality-archive", "locality-restore"]),
  localityId,
});
export const deleteWorkspaceSchema = z.object({
  intent: z.literal("delete"),
  confirmation: z
    .string({ error: "Type the workspace’s name to confirm" })
    .trim()
    .min(1, "Type the workspace’s name to confirm")
    .max(200),
});
