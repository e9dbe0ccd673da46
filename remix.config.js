/** @type {import('@remix-run/dev').AppConfig} */
export default {
  ignoredRouteFiles: ["**/.*", "**/*.test.{ts,tsx}"],
  serverModuleFormat: "esm",
  serverPlatform: "node",
  tailwind: true,
  postcss: false,
  // ESM-only packages the server build imports must be bundled; yjs and everything that
  // imports it must NOT be (one copy of yjs per process — yjs issue 438, see NOTES).
  serverDependenciesToBundle: [/^@paralleldrive\/cuid2/, /^@noble\//],
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    v3_lazyRouteDiscovery: false,
    v3_singleFetch: true,
  },
};
