/**
 * The language of `offered` a client prefers by its Accept-Language (RFC 9110 12.5.4): the highest q-value wins,
 * the header's order breaks a tie, a range matches by its primary subtag (`pt-BR` would match `pt`), `*` any
 * language not refused, and q=0 refuses one. Undefined when none is acceptable.
 * No library in the dependency tree does this (@fastify/accept-negotiator matches whole tokens, so `en-US` not `en`).
 */
export function preferredLanguage<L extends string>(header: string | undefined, offered: readonly L[]): L | undefined {
  const ranges = (header ?? '')
    .split(',')
    .map((part) => rangeOf(part))
    .filter((r): r is Range => r !== undefined);
  const refused = new Set(ranges.filter((r) => r.q === 0).map((r) => r.tag));
  let best: { language: L; q: number } | undefined;
  for (const { tag, q } of ranges) {
    if (q === 0 || (best && q <= best.q)) continue;
    const language = tag === '*' ? offered.find((l) => !refused.has(l)) : offered.find((l) => l === tag);
    if (language) best = { language, q };
  }
  return best?.language;
}

type Range = { tag: string; q: number };

/** `pt-BR;q=0.9` as { tag: 'pt', q: 0.9 }; a malformed q makes the range count for nothing. */
function rangeOf(part: string): Range | undefined {
  const [range, ...params] = part.split(';').map((p) => p.trim().toLowerCase());
  if (!range) return undefined;
  const qParam = params.find((p) => p.startsWith('q='));
  const q = qParam === undefined ? 1 : /^(0(\.\d{0,3})?|1(\.0{0,3})?)$/.test(qParam.slice(2)) ? Number(qParam.slice(2)) : undefined;
  return q === undefined ? undefined : { tag: range.split('-')[0]!, q };
}
