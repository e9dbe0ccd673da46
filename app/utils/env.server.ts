import { z } from "zod";

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default("0.0.0.0"),
  DATABASE_URL: z.string().default("file:data/praxis.db"),
  DATABASE_AUTH_TOKEN: z.string().optional(),
  /** Origins allowed for form posts and WebSockets besides the request's own, comma-separated. */
  ALLOWED_ORIGINS: z.string().default(""),
  /** Secure session cookie; defaults to on in production. */
  SESSION_COOKIE_SECURE: z.enum(["true", "false"]).optional(),
  /** Trust X-Forwarded-For from a reverse proxy when computing the client's address. */
  TRUST_PROXY: z.enum(["true", "false"]).default("false"),
});

export type Env = z.infer<typeof schema>;

export function getEnv(): Env {
  return schema.parse(process.env);
}

export function isSecureCookie(): boolean {
  const env = getEnv();
  if (env.SESSION_COOKIE_SECURE) return env.SESSION_COOKIE_SECURE === "true";
  return env.NODE_ENV === "production";
}
