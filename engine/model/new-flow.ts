/**
 * The smallest valid flow, written by New in the designer (issue #8
 * point 4): one `succeed` step to start from, so the file validates before anything is added.
 */
import type { Flow } from './flow.js';

/** A flow name (`lowercase-with-dashes`, DESIGN.md "The flow document") made from any text; `new-flow` when none is left. */
export function flowNameFrom(text: string): string {
  const name = text
    .toLowerCase()
    .replace(/\.(ya?ml)$/, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return /^[a-z0-9]/.test(name) ? name : 'new-flow';
}

/** `My flow` from `my-flow`: a title for a flow that has none. */
export function titleFrom(name: string): string {
  const words = name.replace(/-/g, ' ').trim();
  return words ? words.charAt(0).toUpperCase() + words.slice(1) : 'New flow';
}

/** A new flow named `name` (made a valid name) titled `title` (default from the name): start → `done` (succeed). */
export function newFlow(name = 'new-flow', title?: string): Flow {
  const id = flowNameFrom(name);
  return { flowsmith: '1.0', name: id, title: title?.trim() || titleFrom(id), start: 'done', steps: { done: { type: 'succeed' } } };
}
