import { randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";

import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import express, { type NextFunction, type Request, type Response } from "express";
import helmet from "helmet";

import { attachCollab, type CollabHandle } from "./app/collab/index.server";
import { DOCUMENT_KIND_CONFIG } from "./app/models/documents/document-kinds.server";
import { processHolder, runRetention } from "./app/models/retention/retention.server";
import { redirectForPreviousSlug } from "./app/models/workspace/workspace-redirect.server";
import { getEnv } from "./app/utils/env.server";
import { runInRequestScope } from "./app/utils/request-scope.server";
import { CLIENT_IP_HEADER } from "./app/utils/request.server";
import { closeDb } from "./db/client";
import { migrateDatabase } from "./db/migrate";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export type RunningServer = {
  url: string;
  server: Server;
  collab: CollabHandle;
  close: () => Promise<void>;
};

function clientIp(req: Request, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = req.headers["x-forwarded-for"];
    const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(",")[0]?.trim();
    if (first) return first;
  }
  return req.socket.remoteAddress ?? "unknown";
}

/**
 * Non-GET requests must carry an Origin (or, failing that, a Referer) of this site or of
 * ALLOWED_ORIGINS: a cross-site form post gets 403 before any action runs.
 */
function sameOriginOnly(allowedOrigins: string[]) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (SAFE_METHODS.has(req.method)) return next();
    const host = req.headers.host;
    const source = req.headers.origin ?? req.headers.referer;
    let origin: string | null = null;
    try {
      origin = source ? new URL(source).origin : null;
    } catch {
      origin = null;
    }
    const own = host ? [`http://${host}`, `https://${host}`] : [];
    if (origin && (own.includes(origin) || allowedOrigins.includes(origin))) return next();
    res
      .status(403)
      .type("text/plain")
      .send("Cross-site request refused: this form must be sent from Praxis itself.");
  };
}

export async function loadBuild(): Promise<ServerBuild> {
  const path = resolve(process.cwd(), "build/index.js");
  return (await import(pathToFileURL(path).href)) as ServerBuild;
}

export async function startServer(
  options: { port?: number; host?: string; build?: ServerBuild } = {},
): Promise<RunningServer> {
  const env = getEnv();
  const allowedOrigins = env.ALLOWED_ORIGINS.split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const trustProxy = env.TRUST_PROXY === "true";
  const build = options.build ?? (await loadBuild());

  const app = express();
  app.disable("x-powered-by");
  if (trustProxy) app.set("trust proxy", true);

  app.use((req, res, next) => {
    res.locals.cspNonce = randomBytes(16).toString("base64");
    // The client's address reaches Remix in a header only this server may set.
    delete req.headers[CLIENT_IP_HEADER];
    req.headers[CLIENT_IP_HEADER] = clientIp(req, trustProxy);
    next();
  });
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          "default-src": ["'self'"],
          "script-src": [
            "'self'",
            (_req, res) => `'nonce-${(res as Response).locals.cspNonce as string}'`,
          ],
          "style-src": ["'self'", "'unsafe-inline'"],
          "img-src": ["'self'", "data:", "blob:"],
          "font-src": ["'self'"],
          "connect-src": ["'self'", "ws:", "wss:"],
          "object-src": ["'none'"],
          "base-uri": ["'self'"],
          "form-action": ["'self'"],
          "frame-ancestors": ["'none'"],
          ...(env.NODE_ENV === "production" && env.SESSION_COOKIE_SECURE !== "false"
            ? {}
            : { "upgrade-insecure-requests": null }),
        },
      },
      referrerPolicy: { policy: "strict-origin-when-cross-origin" },
      strictTransportSecurity: env.NODE_ENV === "production" ? undefined : false,
      crossOriginEmbedderPolicy: false,
    }),
  );
  app.use(sameOriginOnly(allowedOrigins));

  // A page's loaders share one request scope, so the session and membership are read once (ADR 008);
  // it starts here so the old-address check below reads them for the loaders, not beside them.
  app.use((req, _res, next) => (SAFE_METHODS.has(req.method) ? runInRequestScope(next) : next()));
  app.use("/build", express.static("public/build", { immutable: true, maxAge: "1y" }));
  app.use(express.static("public", { maxAge: "1h" }));
  // Old links to a renamed workspace: before Remix, so every page and resource under it follows.
  app.use("/w/", (req, res, next) => {
    const headers = new Headers();
    if (req.headers.cookie) headers.set("cookie", req.headers.cookie);
    redirectForPreviousSlug(new Request(`http://localhost${req.originalUrl}`, { headers }))
      .then((location) => {
        if (!location) return next();
        res.redirect(SAFE_METHODS.has(req.method) ? 302 : 307, location);
      })
      .catch(next);
  });
  const remix = createRequestHandler({
    build,
    mode: env.NODE_ENV === "production" ? "production" : "development",
    getLoadContext: (_req, res) => ({ cspNonce: res.locals.cspNonce as string }),
  });
  app.all("*", remix);

  const server = createServer(app);
  const collab = attachCollab(server, { allowedOrigins, kinds: DOCUMENT_KIND_CONFIG });
  const port = options.port ?? env.PORT;
  const host = options.host ?? env.HOST;
  await new Promise<void>((done) => server.listen(port, host, done));
  const address = server.address() as AddressInfo;
  const url = `http://localhost:${address.port}`;

  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      await collab.close();
      await new Promise<void>((done) => {
        server.close(() => done());
        server.closeIdleConnections();
      });
    })();
    return closing;
  };
  return { url, server, collab, close };
}

const RETENTION_SWEEP_MS = 60 * 60 * 1000;

/**
 * The retention job (ADR 009), hourly and once at start-up, in every process: the lease in the
 * database lets one of them run it at a time, so several processes behind a load balancer do
 * not delete twice, and a process that crashed mid-run is taken over once its lease runs out.
 */
function scheduleRetention(): NodeJS.Timeout {
  const holder = processHolder();
  const sweep = () =>
    runRetention({ holder }).catch((error: unknown) => {
      console.error("Retention sweep failed", error);
    });
  void sweep();
  const timer = setInterval(() => void sweep(), RETENTION_SWEEP_MS);
  timer.unref();
  return timer;
}

async function main() {
  await migrateDatabase();
  const running = await startServer();
  console.log(`Praxis is listening on ${running.url}`);
  const retention = scheduleRetention();
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal} received: closing connections and storing open documents…`);
    const force = setTimeout(() => {
      console.error("Shutdown took too long; exiting");
      process.exit(1);
    }, 15_000);
    force.unref();
    clearInterval(retention);
    await running.close();
    closeDb();
    process.exit(0);
  };
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname)) {
  await main();
}
