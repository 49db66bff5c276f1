// The closest known name to a misspelled one, for error and lint messages.
// Mirrors no Mesos file: the agent ignores unknown keys without a word.

/** Edit distance with adjacent transpositions (optimal string alignment). */
export function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/**
 * The name in `names` that `key` was probably meant to be: the same but for
 * case, `-` and `_`, or within an edit distance of a quarter of its length
 * (at least 1). Undefined when none is that close.
 */
export function suggest(key: string, names: Iterable<string>): string | undefined {
  const normal = (s: string): string => s.toLowerCase().replace(/[-_]/g, '');
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const name of names) {
    const distance = normal(key) === normal(name) ? 0 : editDistance(key.toLowerCase(), name.toLowerCase());
    if (distance < bestDistance) {
      best = name;
      bestDistance = distance;
    }
  }
  return bestDistance <= Math.max(1, Math.round(key.length / 4)) ? best : undefined;
}

/** ` (did you mean 'name'?)`, or '' when nothing is close. */
export function didYouMean(key: string, names: Iterable<string>): string {
  const name = suggest(key, names);
  return name === undefined ? '' : ` (did you mean '${name}'?)`;
}
