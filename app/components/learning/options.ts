export type PersonOption = { id: string; displayName: string };

export function personOptions(people: PersonOption[], empty?: string): Array<{ value: string; label: string }> {
  const options = people.map((p) => ({ value: p.id, label: p.displayName }));
  return empty ? [{ value: "", label: empty }, ...options] : options;
}
