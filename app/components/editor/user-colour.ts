/*
 * A collaborator's colour, derived from their user id so it is the same on every screen and in
 * every session. The caret label shows the name in white on this colour, so the colour is
 * darkened until white text on it reaches 4.5:1 (WCAG AA for normal text).
 */

function hashString(value: string): number {
  let hash = 2166136261;
  for (let i = 0; i < value.length; i++) {
    hash ^= value.charCodeAt(i);
    hash = Math.imul(hash, 16777619);
  }
  return hash >>> 0;
}

function hslToRgb(h: number, s: number, l: number): [number, number, number] {
  const a = s * Math.min(l, 1 - l);
  const f = (n: number) => {
    const k = (n + h / 30) % 12;
    return l - a * Math.max(-1, Math.min(k - 3, 9 - k, 1));
  };
  return [f(0), f(8), f(4)].map((v) => Math.round(v * 255)) as [number, number, number];
}

function channel(c: number): number {
  const s = c / 255;
  return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
}

export function relativeLuminance([r, g, b]: [number, number, number]): number {
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

export function contrastWithWhite(rgb: [number, number, number]): number {
  return 1.05 / (relativeLuminance(rgb) + 0.05);
}

function toHex(rgb: [number, number, number]): string {
  return `#${rgb.map((v) => v.toString(16).padStart(2, "0")).join("")}`;
}

export function hexToRgb(hex: string): [number, number, number] {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

export function colourForUser(userId: string): string {
  const hash = hashString(userId);
  const hue = hash % 360;
  const saturation = 0.65 + ((hash >>> 9) % 20) / 100;
  let lightness = 0.42;
  let rgb = hslToRgb(hue, saturation, lightness);
  while (contrastWithWhite(rgb) < 4.6 && lightness > 0.05) {
    lightness -= 0.02;
    rgb = hslToRgb(hue, saturation, lightness);
  }
  return toHex(rgb);
}
