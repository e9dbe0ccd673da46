import { generateHTML, generateJSON } from "@tiptap/html";
import { describe, expect, it } from "vitest";

import { documentExtensions } from "../../../app/components/editor/extensions";
import { saveState, SAVE_STATE_TEXT } from "../../../app/components/editor/save-status";
import { colourForUser, contrastWithWhite, hexToRgb } from "../../../app/components/editor/user-colour";

/** What Word and web pages put on the clipboard, hostile parts included. */
const PASTED = `
<html xmlns:o="urn:schemas-microsoft-com:office:office"><head><style>p.MsoNormal{color:red}</style>
<script>window.stolen = document.cookie</script></head><body>
<h1 style="color:red" onclick="alert(1)">Six case journeys</h1>
<p class="MsoNormal" onmouseover="alert(2)"><b>23 agencies</b> in contact with <i>one family</i>
<img src="x" onerror="alert(3)"><span style="font-family:Calibri">no co-ordinated work</span></p>
<script>alert(4)</script>
<iframe src="https://evil.example/"></iframe>
<ul><li>Family Intervention Project</li></ul>
<p><a href="javascript:alert(5)">bad link</a> and <a href="https://www.gov.scot/" onclick="alert(6)">good link</a></p>
<table><tr><td>cell text</td></tr></table>
</body></html>`;

describe("pasting into a log keeps only what the schema allows", () => {
  const json = generateJSON(PASTED, documentExtensions());
  const serialised = JSON.stringify(json);
  const html = generateHTML(json, documentExtensions());

  it("no script, event handler, style, image or frame survives", () => {
    for (const hostile of ["script", "onerror", "onclick", "onmouseover", "style", "iframe", "img", "cookie", "alert(4)", "javascript:"]) {
      expect(serialised).not.toContain(hostile);
      expect(html).not.toContain(hostile);
    }
  });

  it("headings, bold, italic, lists and safe links are kept with their text", () => {
    expect(html).toContain("<h1>Six case journeys</h1>");
    expect(html).toContain("<strong>23 agencies</strong>");
    expect(html).toContain("<em>one family</em>");
    expect(html).toContain("<li><p>Family Intervention Project</p></li>");
    expect(html).toMatch(/<a [^>]*href="https:\/\/www\.gov\.scot\/"[^>]*>good link<\/a>/);
    expect(html).toContain("no co-ordinated work");
    expect(html).toContain("cell text");
  });
});

describe("collaborator colours", () => {
  it("are the same for the same person and readable with white text (at least 4.5:1)", () => {
    const ids = Array.from({ length: 300 }, (_, i) => `user${i}x${(i * 7919).toString(36)}`);
    for (const id of ids) {
      const colour = colourForUser(id);
      expect(colour).toMatch(/^#[0-9a-f]{6}$/);
      expect(colourForUser(id)).toBe(colour);
      expect(contrastWithWhite(hexToRgb(colour))).toBeGreaterThanOrEqual(4.5);
    }
    expect(new Set(ids.map(colourForUser)).size).toBeGreaterThan(100);
  });
});

describe("the save indicator", () => {
  it("says all changes are saved only when synced with nothing unacknowledged", () => {
    expect(saveState({ status: "connected", everConnected: true, synced: true, unsynced: false })).toBe("saved");
    expect(saveState({ status: "connected", everConnected: true, synced: true, unsynced: true })).toBe("saving");
    expect(saveState({ status: "connected", everConnected: true, synced: false, unsynced: false })).toBe("saving");
    expect(saveState({ status: "disconnected", everConnected: true, synced: false, unsynced: true })).toBe("offline");
    expect(saveState({ status: "connecting", everConnected: true, synced: false, unsynced: false })).toBe("offline");
    expect(saveState({ status: "connecting", everConnected: false, synced: false, unsynced: false })).toBe("connecting");
    expect(SAVE_STATE_TEXT.offline).toBe("Offline — your changes are kept on this device and will sync");
  });
});
