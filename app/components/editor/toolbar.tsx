import { useEditorState, type Editor } from "@tiptap/react";
import { useId, useRef, useState, type KeyboardEvent } from "react";

type ToolState = Record<string, boolean>;

type Tool = {
  key: string;
  label: string;
  text: string;
  className?: string;
  run: (editor: Editor) => void;
  /** Toggle buttons report aria-pressed; plain actions (the rule) do not. */
  toggle: boolean;
};

/**
 * Each button's visible text is part of its accessible name (WCAG 2.5.3, Label in Name), so a
 * speech user can say what they see: "Heading", not "H2".
 */
const TOOLS: Tool[] = [
  { key: "h2", label: "Heading", text: "Heading", toggle: true, run: (e) => e.chain().focus().toggleHeading({ level: 2 }).run() },
  { key: "h3", label: "Subheading", text: "Subheading", toggle: true, run: (e) => e.chain().focus().toggleHeading({ level: 3 }).run() },
  { key: "bold", label: "Bold", text: "B", className: "font-bold", toggle: true, run: (e) => e.chain().focus().toggleBold().run() },
  { key: "italic", label: "Italic", text: "I", className: "italic", toggle: true, run: (e) => e.chain().focus().toggleItalic().run() },
  { key: "bulletList", label: "Bulleted list", text: "• List", toggle: true, run: (e) => e.chain().focus().toggleBulletList().run() },
  { key: "orderedList", label: "Numbered list", text: "Numbered list", toggle: true, run: (e) => e.chain().focus().toggleOrderedList().run() },
  { key: "blockquote", label: "Quote", text: "“ Quote", toggle: true, run: (e) => e.chain().focus().toggleBlockquote().run() },
  { key: "link", label: "Link", text: "Link", toggle: true, run: () => undefined },
  { key: "rule", label: "Horizontal rule", text: "― Rule", toggle: false, run: (e) => e.chain().focus().setHorizontalRule().run() },
];

/**
 * The formatting toolbar: one tab stop, arrow keys move between buttons (WAI-ARIA toolbar
 * pattern); each toggle says whether it is on with aria-pressed.
 */
/** Extra, non-formatting actions at the end of the toolbar (the log page's "Insight", "Comment"). */
export type ToolbarAction = { label: string; text: string; shortcut: string; run: () => void };

const EXTRA_CLASS = "rounded border border-amber-700 bg-amber-50 px-2 py-1 text-sm font-semibold text-amber-900 hover:bg-white";

/**
 * For people who may read but not edit (evaluators): the selection actions alone, as a toolbar
 * with the same roving focus.
 */
export function SelectionToolbar({ actions }: { actions: ToolbarAction[] }) {
  const [focusIndex, setFocusIndex] = useState(0);
  const buttons = useRef<Array<HTMLButtonElement | null>>([]);
  function move(event: KeyboardEvent<HTMLDivElement>) {
    const last = actions.length - 1;
    let next: number | null = null;
    if (event.key === "ArrowRight") next = focusIndex === last ? 0 : focusIndex + 1;
    if (event.key === "ArrowLeft") next = focusIndex === 0 ? last : focusIndex - 1;
    if (next === null) return;
    event.preventDefault();
    setFocusIndex(next);
    buttons.current[next]?.focus();
  }
  return (
    <div role="toolbar" aria-label="Selected words" className="flex flex-wrap gap-1 border-b border-slate-300 bg-slate-50 p-1" onKeyDown={move}>
      {actions.map((action, index) => (
        <button
          key={action.label}
          ref={(el) => {
            buttons.current[index] = el;
          }}
          type="button"
          tabIndex={index === focusIndex ? 0 : -1}
          aria-keyshortcuts={action.shortcut}
          title={`${action.label} (${action.shortcut})`}
          onFocus={() => setFocusIndex(index)}
          onClick={action.run}
          className={EXTRA_CLASS}
        >
          {action.text}
        </button>
      ))}
    </div>
  );
}

export function EditorToolbar({ editor, extras = [] }: { editor: Editor; extras?: ToolbarAction[] }) {
  const active = useEditorState({
    editor,
    selector: ({ editor: e }): ToolState => ({
      h2: e.isActive("heading", { level: 2 }),
      h3: e.isActive("heading", { level: 3 }),
      bold: e.isActive("bold"),
      italic: e.isActive("italic"),
      bulletList: e.isActive("bulletList"),
      orderedList: e.isActive("orderedList"),
      blockquote: e.isActive("blockquote"),
      link: e.isActive("link"),
    }),
  });
  const [focusIndex, setFocusIndex] = useState(0);
  const buttons = useRef<Array<HTMLButtonElement | null>>([]);
  const [linkOpen, setLinkOpen] = useState(false);
  const [href, setHref] = useState("");
  const [linkError, setLinkError] = useState<string | null>(null);
  const linkInputId = useId();

  function move(event: KeyboardEvent<HTMLDivElement>) {
    const last = TOOLS.length + extras.length - 1;
    let next: number | null = null;
    if (event.key === "ArrowRight") next = focusIndex === last ? 0 : focusIndex + 1;
    if (event.key === "ArrowLeft") next = focusIndex === 0 ? last : focusIndex - 1;
    if (event.key === "Home") next = 0;
    if (event.key === "End") next = last;
    if (next === null) return;
    event.preventDefault();
    setFocusIndex(next);
    buttons.current[next]?.focus();
  }

  function openLink() {
    setHref((editor.getAttributes("link").href as string | undefined) ?? "https://");
    setLinkError(null);
    setLinkOpen(true);
  }

  function applyLink() {
    const value = href.trim();
    if (!/^(https?:\/\/|mailto:)\S+$/i.test(value)) {
      setLinkError("Enter a web address starting with https:// or http://, or an email link starting with mailto:");
      return;
    }
    editor.chain().focus().extendMarkRange("link").setLink({ href: value }).run();
    setLinkOpen(false);
  }

  function removeLink() {
    editor.chain().focus().extendMarkRange("link").unsetLink().run();
    setLinkOpen(false);
  }

  return (
    <div className="border-b border-slate-300 bg-slate-50">
      <div role="toolbar" aria-label="Formatting" className="flex flex-wrap gap-1 p-1" onKeyDown={move}>
        {TOOLS.map((tool, index) => (
          <button
            key={tool.key}
            ref={(el) => {
              buttons.current[index] = el;
            }}
            type="button"
            tabIndex={index === focusIndex ? 0 : -1}
            aria-label={tool.label}
            title={tool.label}
            aria-pressed={tool.toggle ? Boolean(active[tool.key]) : undefined}
            onFocus={() => setFocusIndex(index)}
            onClick={() => (tool.key === "link" ? openLink() : tool.run(editor))}
            className={`min-w-[2.5rem] rounded border px-2 py-1 text-sm text-slate-900 ${
              active[tool.key] ? "border-brand-700 bg-brand-100" : "border-transparent hover:border-slate-400 hover:bg-white"
            } ${tool.className ?? ""}`}
          >
            {tool.text}
          </button>
        ))}
        {extras.map((extra, i) => (
          <button
            key={extra.label}
            ref={(el) => {
              buttons.current[TOOLS.length + i] = el;
            }}
            type="button"
            tabIndex={focusIndex === TOOLS.length + i ? 0 : -1}
            aria-keyshortcuts={extra.shortcut}
            title={`${extra.label} (${extra.shortcut})`}
            onFocus={() => setFocusIndex(TOOLS.length + i)}
            onClick={extra.run}
            className={`${i === 0 ? "ml-auto " : ""}${EXTRA_CLASS}`}
          >
            {extra.text}
          </button>
        ))}
      </div>
      {linkOpen ? (
        <div className="flex flex-wrap items-end gap-2 border-t border-slate-300 p-2">
          <div className="min-w-[16rem] flex-1">
            <label htmlFor={linkInputId} className="label">
              Link address
            </label>
            {linkError ? (
              <p id={`${linkInputId}-error`} className="field-error">
                {linkError}
              </p>
            ) : null}
            <input
              id={linkInputId}
              className="input"
              type="url"
              value={href}
              aria-invalid={linkError ? true : undefined}
              aria-describedby={linkError ? `${linkInputId}-error` : undefined}
              onChange={(e) => setHref(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === "Enter") {
                  e.preventDefault();
                  applyLink();
                }
                if (e.key === "Escape") setLinkOpen(false);
              }}
            />
          </div>
          <button type="button" className="btn-primary" onClick={applyLink}>
            Apply link
          </button>
          {active.link ? (
            <button type="button" className="btn-secondary" onClick={removeLink}>
              Remove link
            </button>
          ) : null}
          <button type="button" className="btn-secondary" onClick={() => setLinkOpen(false)}>
            Cancel
          </button>
        </div>
      ) : null}
    </div>
  );
}
