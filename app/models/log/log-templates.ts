import type { LogTemplate } from "./log.constants";

type JsonNode = { type: string; attrs?: Record<string, unknown>; content?: JsonNode[]; text?: string };

export const TEMPLATE_LABELS: Record<LogTemplate, string> = {
  blank: "Blank page",
  "what-so-what-now-what": "What? / So what? / Now what?",
  gibbs: "Gibbs' reflective cycle",
};

export const TEMPLATE_HINTS: Record<LogTemplate, string> = {
  blank: "Start from an empty page",
  "what-so-what-now-what": "Three headings: what happened, why it matters, what you will do next",
  gibbs: "Six stages: description, feelings, evaluation, analysis, conclusion, action plan",
};

/** Each template is a list of sections: a heading and the prompt written under it. */
const SECTIONS: Record<LogTemplate, Array<[heading: string, prompt: string]>> = {
  blank: [],
  "what-so-what-now-what": [
    ["What?", "What happened? Describe the situation, who was involved and what you did."],
    ["So what?", "What does it mean? What did you learn about the families, the system or yourself?"],
    ["Now what?", "What will you do differently, and what will you bring back to the set?"],
  ],
  gibbs: [
    ["Description", "What happened?"],
    ["Feelings", "What were you thinking and feeling at the time?"],
    ["Evaluation", "What was good and bad about the experience?"],
    ["Analysis", "What sense can you make of the situation? What helped or got in the way?"],
    ["Conclusion", "What else could you have done?"],
    ["Action plan", "If it arose again, what would you do? What will you try before the next meeting?"],
  ],
};

/**
 * The starting ProseMirror document for a template: headings, each followed by an empty
 * paragraph. The prompts are never content (they would be stored, exported and found by search):
 * the editor shows them as placeholders in those empty paragraphs (`templatePrompt`).
 */
export function templateDocument(template: LogTemplate): JsonNode {
  const sections = SECTIONS[template];
  if (sections.length === 0) return { type: "doc", content: [{ type: "paragraph" }] };
  const content: JsonNode[] = [];
  for (const [heading] of sections) {
    content.push({ type: "heading", attrs: { level: 2 }, content: [{ type: "text", text: heading }] });
    content.push({ type: "paragraph" });
  }
  return { type: "doc", content };
}

const PROMPTS = new Map(Object.values(SECTIONS).flat());

/** The prompt shown in an empty paragraph under a template heading, if that heading is one of a template's. */
export function templatePrompt(headingText: string): string | undefined {
  return PROMPTS.get(headingText.trim());
}

export const BLANK_PROMPT = "Start writing. Only what you type is saved.";
