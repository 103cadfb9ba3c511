/**
 * Names for Argo objects. Task and template names are written as DNS-1123 labels (lowercase
 * letters, digits and `-`, at most 63 characters, starting and ending with a letter or digit), the
 * safe subset of what Argo accepts for node names and what Kubernetes accepts for pod names.
 * Source: https://argo-workflows.readthedocs.io/en/latest/fields/ (Template.name, DAGTask.name) and
 * https://kubernetes.io/docs/concepts/overview/working-with-objects/names/#dns-label-names.
 */

/** Longest DNS-1123 label. */
export const MAX_LABEL = 63;

const LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** True when `name` is a DNS-1123 label. */
export function isDnsLabel(name: string): boolean {
  return name.length <= MAX_LABEL && LABEL.test(name);
}

/**
 * The closest DNS-1123 label to `raw`: lowercased, runs of other characters turned into one `-`,
 * dashes trimmed at both ends, cut to 63 characters. `fallback` when nothing is left.
 */
export function toDnsLabel(raw: string, fallback = 'step'): string {
  const cleaned = raw
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_LABEL)
    .replace(/-+$/, '');
  return cleaned === '' ? fallback : cleaned;
}

/**
 * Hands out unique DNS-1123 labels: the label of the wanted name, or that label with `-2`, `-3`…
 * when it is taken (cut so the result stays within 63 characters). `reserved` names are never given.
 */
export class NameAllocator {
  private readonly taken = new Set<string>();

  constructor(reserved: Iterable<string> = []) {
    for (const name of reserved) this.taken.add(name);
  }

  /** A unique label close to `wanted`. */
  take(wanted: string, fallback?: string): string {
    const base = toDnsLabel(wanted, fallback);
    let name = base;
    for (let n = 2; this.taken.has(name); n++) {
      const suffix = `-${n}`;
      name = `${base.slice(0, MAX_LABEL - suffix.length).replace(/-+$/, '')}${suffix}`;
    }
    this.taken.add(name);
    return name;
  }

  /** True when `name` was handed out or reserved. */
  has(name: string): boolean {
    return this.taken.has(name);
  }
}
