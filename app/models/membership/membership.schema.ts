import { z } from "zod";

import { ROLE_LABELS, type Role } from "../access/access.policy";

/** Every role, in the order the permission table lists them (most to least powerful). */
export const ROLE_VALUES = Object.keys(ROLE_LABELS) as [Role, ...Role[]];

/** Ids are cuid2 strings (app/utils/ids.ts); anything else cannot name a row. */
export const idSchema = (message: string) =>
  z.string({ error: message }).regex(/^[a-z0-9]{20,32}$/, message);

export const roleSchema = z.enum(ROLE_VALUES, { error: "Choose a role" });

export const inviteSchema = z.object({
  intent: z.literal("invite"),
  role: roleSchema,
  note: z
    .string()
    .trim()
    .max(200, "Note must be 200 characters or fewer")
    .optional()
    .transform((v) => v ?? ""),
});

export const revokeInvitationSchema = z.object({
  intent: z.literal("revoke-invitation"),
  invitationId: idSchema("Choose an invitation to revoke"),
});

export const changeRoleSchema = z.object({
  intent: z.literal("change-role"),
  membershipId: idSchema("Choose a member"),
  role: roleSchema,
});

export const setAgencySchema = z.object({
  intent: z.literal("set-agency"),
  membershipId: idSchema("Choose a member"),
  /** Empty (the form's "Not recorded" option) means no agency is recorded. */
  agencyId: idSchema("Choose an agency from the list").optional(),
});

/** The members page's one "Change" form: role and agency together. */
export const updateMemberSchema = z.object({
  intent: z.literal("update-member"),
  membershipId: idSchema("Choose a member"),
  role: roleSchema,
  agencyId: idSchema("Choose an agency from the list").optional(),
});

export const removeMemberSchema = z.object({
  intent: z.literal("remove"),
  membershipId: idSchema("Choose a member"),
});

export const membersActionSchema = z.discriminatedUnion(
  "intent",
  [inviteSchema, revokeInvitationSchema, changeRoleSchema, setAgencySchema, updateMemberSchema, removeMemberSchema],
  { error: "This form was not recognised. Reload the page and try again." },
);

/** `/invite/:token`: 32 random bytes in base64url are 43 characters. */
export const invitationTokenParam = z.string().regex(/^[A-Za-z0-9_-]{43}$/);

export const acceptInvitationSchema = z.object({
  intent: z.literal("accept").optional(),
});
