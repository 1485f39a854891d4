import { parseGoDuration } from '../pipeline/index.js';

/** The default start of a simulation when neither the script nor the options name one. */
export const DEFAULT_SIMULATION_START = '2026-01-01T00:00:00Z';

const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;
const DAYS = /^(\d+)d(.*)$/;

/**
 * Reads a simulation time: an RFC 3339 time with a zone, or an offset from `startMs` written as
 * `+` and a Go duration (`+90s`, `+1h30m`; whole days as a leading `Nd`, `+2d12h`, since Go has
 * no day unit). Returns epoch milliseconds, or a message saying what is wrong.
 */
export function resolveSimulationTime(text: string, startMs: number): { ok: true; ms: number } | { ok: false; message: string } {
  if (typeof text !== 'string' || text === '') return { ok: false, message: 'a time must be a non-empty string' };
  if (text.startsWith('+')) {
    const offset = parseOffset(text.slice(1));
    if (offset === undefined) return { ok: false, message: `${JSON.stringify(text)} is not an offset: write + and a duration such as +10m, +1h30m or +2d` };
    return { ok: true, ms: startMs + offset };
  }
  return parseAbsoluteTime(text);
}

/** Reads an RFC 3339 time with a zone into epoch milliseconds. */
export function parseAbsoluteTime(text: string): { ok: true; ms: number } | { ok: false; message: string } {
  const ms = RFC3339.test(text) ? Date.parse(text) : Number.NaN;
  if (!Number.isFinite(ms)) return { ok: false, message: `${JSON.stringify(text)} is not an RFC 3339 time such as 2026-01-01T09:00:00Z, nor an offset such as +10m` };
  return { ok: true, ms };
}

function parseOffset(text: string): number | undefined {
  let days = 0;
  let rest = text;
  const d = DAYS.exec(text);
  if (d !== null) {
    days = Number(d[1]);
    rest = d[2] ?? '';
    if (rest === '') return days * 86_400_000;
  }
  const parsed = parseGoDuration(rest);
  if (!parsed.ok || parsed.value < 0) return undefined;
  return days * 86_400_000 + parsed.value;
}

/** Formats an offset from the start as `+HH:MM:SS` (days as `+Nd HH:MM:SS`; milliseconds when not whole seconds). */
export function formatOffset(ms: number): string {
  const sign = ms < 0 ? '-' : '+';
  let rest = Math.abs(ms);
  const days = Math.floor(rest / 86_400_000);
  rest -= days * 86_400_000;
  const h = Math.floor(rest / 3_600_000);
  rest -= h * 3_600_000;
  const m = Math.floor(rest / 60_000);
  rest -= m * 60_000;
  const s = Math.floor(rest / 1000);
  const frac = rest - s * 1000;
  const two = (n: number) => String(n).padStart(2, '0');
  const clock = `${two(h)}:${two(m)}:${two(s)}${frac > 0 ? `.${String(Math.round(frac)).padStart(3, '0')}` : ''}`;
  return `${sign}${days > 0 ? `${days}d ` : ''}${clock}`;
}

/** Formats epoch milliseconds as RFC 3339 UTC, without a fraction when the time is a whole second. */
export function formatSimulationTime(ms: number): string {
  const text = new Date(ms).toISOString();
  return text.endsWith('.000Z') ? `${text.slice(0, -5)}Z` : text;
}
