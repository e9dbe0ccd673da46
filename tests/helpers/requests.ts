import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";

import { TEST_ORIGIN } from "./factories";

type Init = { cookie?: string; headers?: Record<string, string>; ip?: string };

export function getRequest(path: string, init: Init = {}): Request {
  return new Request(`${TEST_ORIGIN}${path}`, { headers: headers(init) });
}

export function postRequest(path: string, form: Record<string, string | string[]> | FormData, init: Init = {}): Request {
  let body: FormData;
  if (form instanceof FormData) body = form;
  else {
    body = new FormData();
    for (const [k, v] of Object.entries(form)) for (const item of Array.isArray(v) ? v : [v]) body.append(k, item);
  }
  return new Request(`${TEST_ORIGIN}${path}`, { method: "POST", body, headers: { ...headers(init), Origin: TEST_ORIGIN } });
}

function headers(init: Init): Record<string, string> {
  return {
    ...(init.cookie ? { Cookie: init.cookie } : {}),
    "x-praxis-client-ip": init.ip ?? "203.0.113.10",
    ...init.headers,
  };
}

/**
 * Calls a loader or action the way Remix does and returns a Response whatever it did:
 * returned a Response, threw one (redirects, 404s), or returned data (wrapped as 200 JSON).
 */
export async function callRoute(
  fn: (args: LoaderFunctionArgs | ActionFunctionArgs) => unknown,
  request: Request,
  params: Record<string, string> = {},
): Promise<{ status: number; response: Response | null; data: unknown; headers: Headers }> {
  try {
    const result = await fn({ request, params, context: {} });
    if (result instanceof Response) return { status: result.status, response: result, data: null, headers: result.headers };
    if (isDataWithResponseInit(result)) {
      const status = result.init?.status ?? 200;
      return { status, response: null, data: result.data, headers: new Headers(result.init?.headers) };
    }
    return { status: 200, response: null, data: result, headers: new Headers() };
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, response: thrown, data: null, headers: thrown.headers };
    if (isDataWithResponseInit(thrown)) {
      return { status: thrown.init?.status ?? 500, response: null, data: thrown.data, headers: new Headers(thrown.init?.headers) };
    }
    throw thrown;
  }
}

type DataWithInit = { type: "DataWithResponseInit"; data: unknown; init: ResponseInit | null };

function isDataWithResponseInit(value: unknown): value is DataWithInit {
  return typeof value === "object" && value !== null && (value as { type?: unknown }).type === "DataWithResponseInit";
}
