/** The closest candidate to a misspelt name, for "did you mean" hints; null when none is close. */
function didYouMean(word: string, candidates: readonly string[]): string | null {
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  // Close means a typo, not a different word: at most 2 edits, and less than half the word.
  return best !== null && bestDistance <= Math.min(2, Math.floor(word.length / 2)) ? best : null;
}

/** Suffix for a message: ` (did you mean \`x\`?)` or an empty string. */
export function didYouMeanHint(word: string, candidates: readonly string[]): string {
  const match = didYouMean(word, candidates);
  return match === null ? '' : `; did you mean \`${match}\`?`;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
