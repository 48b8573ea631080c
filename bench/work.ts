/**
 * A deterministic measure of the work a synchronous computation does, for
 * checking how cost grows without timing anything. While `countWork` runs
 * `fn`, it counts
 *
 * - every step of an array, Map or Set iterator (`for...of`, spread,
 *   `Array.from`, destructuring),
 * - the elements an array method may visit (`map`, `filter`, `find`,
 *   `some`, `includes`, `indexOf`, `join`, ...: the array's length; `slice`:
 *   the part it copies),
 * - every Map and Set lookup or insertion.
 *
 * Plain indexed `for` loops are not seen, but any loop that does something
 * with what it visits (a lookup, a method call, an iteration) is. A check that
 * compares all pairs of guests shows up as work growing with the square of
 * the guests. The prototypes are restored before `countWork` returns.
 */

const ARRAY_METHODS = [
  "map", "filter", "find", "findIndex", "findLast", "findLastIndex", "some", "every", "forEach", "flatMap", "flat",
  "reduce", "reduceRight", "includes", "indexOf", "lastIndexOf", "join", "slice", "concat", "sort", "reverse", "splice",
] as const;

type Patch = { target: object; key: PropertyKey; original: unknown };

export function countWork<T>(fn: () => T): { result: T; work: number } {
  let work = 0;
  const patches: Patch[] = [];
  const patch = (target: object, key: PropertyKey, make: (original: (...args: unknown[]) => unknown) => (...args: unknown[]) => unknown) => {
    const original = Reflect.get(target, key) as (...args: unknown[]) => unknown;
    patches.push({ target, key, original });
    Object.defineProperty(target, key, { value: make(original), writable: true, configurable: true, enumerable: false });
  };
  const iterators = [
    Object.getPrototypeOf([][Symbol.iterator]()) as object,
    Object.getPrototypeOf(new Map()[Symbol.iterator]()) as object,
    Object.getPrototypeOf(new Set()[Symbol.iterator]()) as object,
  ];
  try {
    for (const proto of iterators) {
      patch(proto, "next", (next) =>
        function (this: unknown, ...args: unknown[]) {
          work++;
          return next.apply(this, args);
        },
      );
    }
    for (const m of ARRAY_METHODS) {
      patch(Array.prototype, m, (original) =>
        m === "slice"
          ? // A slice copies its part only, however long the array.
            function (this: unknown[], ...args: unknown[]) {
              const part = original.apply(this, args) as unknown[];
              work += part.length + 1;
              return part;
            }
          : function (this: unknown[], ...args: unknown[]) {
              work += this.length + 1;
              return original.apply(this, args);
            },
      );
    }
    for (const [proto, keys] of [
      [Map.prototype, ["get", "set", "has", "delete"]],
      [Set.prototype, ["add", "has", "delete"]],
    ] as const) {
      for (const k of keys) {
        patch(proto, k, (original) =>
          function (this: unknown, ...args: unknown[]) {
            work++;
            return original.apply(this, args);
          },
        );
      }
    }
    const result = fn();
    return { result, work };
  } finally {
    for (const p of patches.reverse()) Object.defineProperty(p.target, p.key, { value: p.original, writable: true, configurable: true, enumerable: false });
  }
}
