import { useEffect, useState } from "react";

/**
 * A read-only field holding text to copy (an invitation link). Without JavaScript the text is
 * selected when the field gets focus and the hint says how to copy it; once the page is
 * interactive a Copy button appears and reports the result to screen readers.
 */
export function CopyField({ id, label, value, hint }: { id: string; label: string; value: string; hint?: string }) {
  const [interactive, setInteractive] = useState(false);
  const [status, setStatus] = useState("");
  useEffect(() => setInteractive(true), []);

  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setStatus("Link copied");
    } catch {
      const input = document.getElementById(id);
      if (input instanceof HTMLInputElement) input.select();
      setStatus("Press Ctrl+C (or ⌘C) to copy the selected link");
    }
  }

  return (
    <div className="mb-2">
      <label htmlFor={id} className="label">
        {label}
      </label>
      <p id={`${id}-hint`} className="hint">
        {hint ?? "Select the link and copy it."}
      </p>
      <div className="flex flex-wrap gap-2 sm:flex-nowrap">
        <input
          id={id}
          className="input font-mono text-sm"
          type="text"
          readOnly
          value={value}
          aria-describedby={`${id}-hint`}
          onFocus={(e) => e.currentTarget.select()}
        />
        {interactive ? (
          <button type="button" className="btn-secondary shrink-0" onClick={copy}>
            Copy link
          </button>
        ) : null}
      </div>
      <p role="status" className="mt-1 text-sm font-semibold text-green-800">
        {status}
      </p>
    </div>
  );
}
