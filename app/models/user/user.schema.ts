import { z } from "zod";

export const emailSchema = z
  .string({ error: "Enter your email address" })
  .trim()
  .min(1, "Enter your email address")
  .max(254, "Email address must be 254 characters or fewer")
  .email("Enter an email address in the correct format, like name@example.org")
  .transform((v) => v.toLowerCase());

export const newPasswordSchema = z
  .string({ error: "Enter a password" })
  .min(12, "Password must be at least 12 characters")
  .max(200, "Password must be 200 characters or fewer");

export const displayNameSchema = z
  .string({ error: "Enter your name" })
  .trim()
  .min(1, "Enter your name")
  .max(100, "Name must be 100 characters or fewer");

export const signupSchema = z
  .object({
    displayName: displayNameSchema,
    email: emailSchema,
    password: newPasswordSchema,
    confirmPassword: z.string({ error: "Confirm your password" }).max(200),
    redirectTo: z.string().max(2000).optional(),
  })
  .refine((v) => v.password === v.confirmPassword, {
    path: ["confirmPassword"],
    message: "Passwords do not match",
  });

export const loginSchema = z.object({
  email: emailSchema,
  password: z.string({ error: "Enter your password" }).min(1, "Enter your password").max(200, "Password must be 200 characters or fewer"),
  redirectTo: z.string().max(2000).optional(),
});

export const changePasswordSchema = z
  .object({
    intent: z.literal("change-password"),
    currentPassword: z.string({ error: "Enter your current password" }).min(1, "Enter your current password").max(200),
    newPassword: newPasswordSchema,
    confirmPassword: z.string({ error: "Confirm your new password" }).max(200),
  })
  .refine((v) => v.newPassword === v.confirmPassword, {
    path: ["confirmPassword"],
    message: "Passwords do not match",
  });

export const changeNameSchema = z.object({
  intent: z.literal("change-name"),
  displayName: displayNameSchema,
});

/** A session is named by an opaque handle (a hash), never by its id: the id is the secret. */
export const revokeSessionSchema = z.object({
  intent: z.literal("revoke-session"),
  session: z
    .string({ error: "Choose a session to end" })
    .regex(/^[a-f0-9]{32}$/, "Choose a session to end"),
});

export const accountActionSchema = z.discriminatedUnion("intent", [
  changeNameSchema,
  changePasswordSchema,
  revokeSessionSchema,
], { error: "This form was not recognised. Reload the page and try again." });
