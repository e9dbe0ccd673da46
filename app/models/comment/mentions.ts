export type MentionCandidate = { id: string; displayName: string };

/**
 * The people an "@Display Name" in a comment names. Longer names are tried first, so "@Sam Lee"
 * is Sam Lee and not Sam; a name must end at a word boundary ("@Samantha" is not "@Sam").
 * Matching ignores case. Pure, shared by the server and the form's hint.
 */
export function findMentions(body: string, people: MentionCandidate[]): MentionCandidate[] {
  const lower = body.toLowerCase();
  const byLength = [...people]
    .filter((p) => p.displayName.trim())
    .sort((a, b) => b.displayName.length - a.displayName.length);
  const taken: Array<[number, number]> = [];
  const found = new Map<string, MentionCandidate>();
  for (const person of byLength) {
    const needle = `@${person.displayName.toLowerCase()}`;
    let at = lower.indexOf(needle);
    while (at !== -1) {
      const end = at + needle.length;
      const next = lower.charAt(end);
      const boundary = next === "" || !/[\p{L}\p{N}]/u.test(next);
      const overlaps = taken.some(([s, e]) => at < e && end > s);
      if (boundary && !overlaps) {
        taken.push([at, end]);
        found.set(person.id, person);
      }
      at = lower.indexOf(needle, at + 1);
    }
  }
  return [...found.values()];
}
