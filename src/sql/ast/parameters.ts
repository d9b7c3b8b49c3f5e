/** The highest `$n` / `?` index in an AST node (0 when it has no parameters). */
export function maxParameterIndex(node: unknown): number {
  let max = 0;
  const visit = (x: unknown): void => {
    if (!x || typeof x !== 'object') return;
    if (Array.isArray(x)) { for (const v of x) visit(v); return; }
    const n = x as { kind?: string; index?: number };
    if (n.kind === 'Parameter' && typeof n.index === 'number') { max = Math.max(max, n.index); return; }
    for (const v of Object.values(x)) visit(v);
  };
  visit(node);
  return max;
}
