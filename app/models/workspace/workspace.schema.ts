import { z } from "zod";

export const RESERVED_SLUGS = [
  "new",
  "api",
  "admin",
  "collab",
  "healthz",
  "login",
  "logout",
  "signup",
  "account",
];

export const slugSchema = z
  .string({ error: "Enter a web address for the workspace" })
  .trim()
  .toLowerCase()
  .min(3, "Web address must be at least 3 characters")
  .max(48, "Web address must be 48 characters or fewer")
  .regex(
    /^[a-z0-9]+(?:-[a-z0-9]+)*$/,
    "Web address may use only lower-case letters, numbers and single hyphens",
  )
  .refine((s) => !RESERVED_SLUGS.includes(s), "This web address is reserved; choose another");

export const workspaceFormSchema = z.object({
  name: z
    .string({ error: "Enter a name for the workspace" })
    .trim()
    .min(1, "Enter a name for the workspace")
    .max(120, "Name must be 120 characters or fewer"),
  slug: slugSchema,
  description: z
    .string()
    .trim()
    .max(2000, "Description must be 2,000 characters or fewer")
    .optional()
    .default(""),
});

/** Route param `:ws` — validated before any query. */
export const workspaceSlugParam = z
  .string()
  .min(1)
  .max(48)
  .regex(/^[a-z0-9-]+$/);

// ——— Settings (/w/:ws/settings) ———

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
