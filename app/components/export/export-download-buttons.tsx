import { useRef, useState, type MouseEvent } from "react";

import { EXPORT_FILES } from "../../models/export/export-files";
import { EXPORT_FORMATS, type ExportFormat } from "../../models/export/export.schema";

type Progress = {
  format: ExportFormat;
  state: "preparing" | "downloading" | "done" | "failed";
  received: number;
  total: number | null;
};

function describe(p: Progress): string {
  const label = EXPORT_FILES[p.format].label;
  if (p.state === "preparing") return `Preparing ${label}…`;
  if (p.state === "downloading")
    return p.total
      ? `Downloading ${label}: ${Math.round((p.received * 100) / p.total)}%`
      : `Downloading ${label}…`;
  if (p.state === "done") return `${label} downloaded.`;
  return `${label} could not be downloaded. Try again, or check the fields above.`;
}

/**
 * One submit button per format. Without JavaScript the form goes to the page, which redirects to
 * the file. With it, the file is fetched here so that a large export shows its progress.
 */
export function ExportDownloadButtons({ slug }: { slug: string }) {
  const [progress, setProgress] = useState<Progress | null>(null);
  const busy = useRef(false);

  async function download(event: MouseEvent<HTMLButtonElement>, format: ExportFormat) {
    const form = event.currentTarget.form;
    if (
      !form ||
      busy.current ||
      typeof window.fetch !== "function" ||
      typeof window.ReadableStream !== "function"
    )
      return;
    event.preventDefault();
    busy.current = true;
    const data = new FormData(form);
    const query = new URLSearchParams();
    for (const key of ["inquiry", "from", "to"]) {
      const value = String(data.get(key) ?? "").trim();
      if (value) query.set(key, value);
    }
    const url = `/w/${slug}/export/${EXPORT_FILES[format].path}${query.size ? `?${query}` : ""}`;
    setProgress({ format, state: "preparing", received: 0, total: null });
    try {
      const response = await fetch(url, { credentials: "same-origin", cache: "no-store" });
      if (response.status === 400) {
        // Let the page explain what is wrong, with its error summary.
        busy.current = false;
        setProgress(null);
        form.requestSubmit(event.currentTarget);
        return;
      }
      if (!response.ok || !response.body) throw new Error(String(response.status));
      const total = Number(response.headers.get("Content-Length")) || null;
      const reader = response.body.getReader();
      const chunks: Uint8Array[] = [];
      let received = 0;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        chunks.push(value);
        received += value.length;
        setProgress({ format, state: "downloading", received, total });
      }
      const name =
        /filename="([^"]+)"/.exec(response.headers.get("Content-Disposition") ?? "")?.[1] ??
        EXPORT_FILES[format].path;
      const blobUrl = URL.createObjectURL(
        new Blob(chunks as BlobPart[], {
          type: response.headers.get("Content-Type") ?? "application/octet-stream",
        }),
      );
      const a = document.createElement("a");
      a.href = blobUrl;
      a.download = name;
      document.body.append(a);
      a.click();
      a.remove();
      // The file is on the person's disk now; nothing of it stays in the page.
      setTimeout(() => URL.revokeObjectURL(blobUrl), 0);
      setProgress({ format, state: "done", received, total });
    } catch {
      setProgress({ format, state: "failed", received: 0, total: null });
    } finally {
      busy.current = false;
    }
  }

  return (
    <div>
      <h2 className="text-lg font-semibold">Download</h2>
      <ul className="mt-3 grid gap-3 sm:grid-cols-2">
        {EXPORT_FORMATS.map((format) => (
          <li key={format} className="rounded-md border border-slate-200 p-3">
            <button
              type="submit"
              name="format"
              value={format}
              className={format === "docx" ? "btn-primary" : "btn-secondary"}
              aria-describedby={`export-hint-${format}`}
              onClick={(event) => void download(event, format)}
            >
              {EXPORT_FILES[format].label}
            </button>
            <p id={`export-hint-${format}`} className="mt-2 text-sm text-slate-700">
              {EXPORT_FILES[format].hint}
            </p>
          </li>
        ))}
      </ul>
      <div className="mt-4" aria-live="polite" role="status">
        {progress ? (
          <>
            <p className="text-sm font-semibold">{describe(progress)}</p>
            {progress.state === "downloading" || progress.state === "preparing" ? (
              <progress
                className="mt-2 w-full"
                aria-label="Export progress"
                max={progress.total ?? undefined}
                value={progress.total ? progress.received : undefined}
              />
            ) : null}
          </>
        ) : null}
      </div>
    </div>
  );
}
