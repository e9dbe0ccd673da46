import { useNavigate } from "@remix-run/react";
import { useRef, useState, type FormEvent } from "react";

import { ErrorSummary, type SummaryError } from "../forms";

/**
 * The upload form: a plain multipart POST that works without JavaScript. With JavaScript, it
 * sends the same form by XMLHttpRequest so it can show how much of a large file has gone up. The
 * request follows the server's 303 to the preview, which the page then opens; a refused file
 * answers with the page itself, whose error summary is read back and shown here.
 */
export function SpendUploadForm({
  action,
  errors,
  defaultSource,
}: {
  action: string;
  errors: SummaryError[];
  defaultSource: string;
}) {
  const formRef = useRef<HTMLFormElement>(null);
  const navigate = useNavigate();
  const [progress, setProgress] = useState<{ name: string; percent: number } | null>(null);
  const [clientErrors, setClientErrors] = useState<SummaryError[] | null>(null);
  const shown = clientErrors ?? errors;
  const fileError = shown.find((e) => e.fieldId === "spend-file");
  const sourceError = shown.find((e) => e.fieldId === "spend-source");

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    const form = event.currentTarget;
    const file = (form.elements.namedItem("file") as HTMLInputElement | null)?.files?.[0];
    if (!file || typeof XMLHttpRequest === "undefined") return;
    event.preventDefault();
    const xhr = new XMLHttpRequest();
    xhr.open("POST", action);
    xhr.responseType = "document";
    setClientErrors(null);
    setProgress({ name: file.name, percent: 0 });
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable)
        setProgress({ name: file.name, percent: Math.round((e.loaded / e.total) * 100) });
    };
    xhr.onload = () => {
      setProgress(null);
      const landed = new URL(xhr.responseURL || action, window.location.href);
      if (
        xhr.status === 200 &&
        landed.pathname !== new URL(action, window.location.href).pathname
      ) {
        navigate(`${landed.pathname}${landed.search}`);
        return;
      }
      const page = xhr.response as Document | null;
      const items = page ? [...page.querySelectorAll("#error-summary li")] : [];
      const found = items.map((li) => {
        const href = li.querySelector("a")?.getAttribute("href") ?? "";
        return {
          fieldId: href.startsWith("#") ? href.slice(1) : undefined,
          message: li.textContent?.trim() ?? "",
        };
      });
      setClientErrors(
        found.length
          ? found
          : [{ message: `The upload failed (the server answered ${xhr.status}). Try again.` }],
      );
    };
    xhr.onerror = () => {
      setProgress(null);
      setClientErrors([{ message: "The upload failed: the connection was lost. Try again." }]);
    };
    xhr.send(new FormData(form));
  }

  return (
    <>
      <ErrorSummary errors={shown} />
      <form
        ref={formRef}
        method="post"
        action={action}
        encType="multipart/form-data"
        onSubmit={onSubmit}
        className="card"
        noValidate
      >
        <div className="mb-5">
          <label htmlFor="spend-file" className="label">
            Spend file (CSV)
          </label>
          <p id="spend-file-hint" className="hint">
            A council&apos;s “spend over £500” file, or the Praxis template. Up to 20 MB.
          </p>
          {fileError ? (
            <p id="spend-file-error" className="field-error">
              <span className="sr-only">Error: </span>
              {fileError.message}
            </p>
          ) : null}
          <input
            id="spend-file"
            name="file"
            type="file"
            accept=".csv,text/csv"
            className="input"
            aria-describedby={fileError ? "spend-file-hint spend-file-error" : "spend-file-hint"}
            aria-invalid={fileError ? true : undefined}
          />
        </div>
        <div className="mb-5">
          <label htmlFor="spend-source" className="label">
            Published by
          </label>
          <p id="spend-source-hint" className="hint">
            Such as “East Lothian Council”. Leave it empty when the file names its publisher in a
            Body or Organisation column. Mapping rules are saved per publisher.
          </p>
          {sourceError ? (
            <p id="spend-source-error" className="field-error">
              <span className="sr-only">Error: </span>
              {sourceError.message}
            </p>
          ) : null}
          <input
            id="spend-source"
            name="source"
            type="text"
            className="input"
            defaultValue={defaultSource}
            aria-describedby={
              sourceError ? "spend-source-hint spend-source-error" : "spend-source-hint"
            }
            aria-invalid={sourceError ? true : undefined}
          />
        </div>
        {progress ? (
          <div className="mb-5" role="status">
            <label htmlFor="upload-progress" className="label">
              Uploading {progress.name}: {progress.percent}%
            </label>
            <progress id="upload-progress" max={100} value={progress.percent} className="w-full" />
          </div>
        ) : null}
        <button type="submit" className="btn-primary" disabled={progress !== null}>
          Upload and preview
        </button>
      </form>
    </>
  );
}
