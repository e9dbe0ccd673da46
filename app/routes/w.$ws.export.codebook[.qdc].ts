import type { LoaderFunctionArgs } from "@remix-run/node";

import { exportFileResponse } from "../models/export/export-response.server";

/** The learning summary export as codebook.qdc: owners, facilitators and evaluators; audited. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return exportFileResponse(request, params, "qdc");
}
