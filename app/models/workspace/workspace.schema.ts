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
