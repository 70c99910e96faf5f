// Fresh names, one rule for the whole project: `base` when it is free, else
// base2, base3, … — the first not in `used`, which then reserves it.

export function freshName(base: string, used: Set<string>): string {
  let name = base;
  for (let i = 2; used.has(name); i++) name = `${base}${i}`;
  used.add(name);
  return name;
}
