/**
 * Edit distance between `a` and `b`, for "did you mean" hints, or `max + 1`
 * as soon as it is surely above `max`: most candidates are far from the word,
 * and their comparison stops after a few characters.
 */
export function distance(a: string, b: string, max = Infinity): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  // One row of the table, reused between calls (a hint search makes a great many).
  if (row.length <= b.length) row = new Int32Array(2 * (b.length + 1));
  const prev = row;
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diagPrev = prev[0]!;
    prev[0] = i;
    let rowMin = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j]!;
      const d = Math.min(tmp + 1, prev[j - 1]! + 1, diagPrev + (ca === b.charCodeAt(j - 1) ? 0 : 1));
      prev[j] = d;
      diagPrev = tmp;
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > max) return max + 1;
  }
  return prev[b.length]!;
}

let row = new Int32Array(64);
