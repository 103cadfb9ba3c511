/**
 * What Flowsmith's Argo export writes so that its importer can read a flow back (issue #10 point 4:
 * one place both sides import, so engine/import never reaches into engine/export).
 */

/** Annotation keys Flowsmith writes so its own importer can restore step types and ids. */
export const Annotation = {
  step: 'flowsmith.io/step',
  type: 'flowsmith.io/step-type',
  title: 'flowsmith.io/title',
  description: 'flowsmith.io/description',
  approvers: 'flowsmith.io/approvers',
  quorum: 'flowsmith.io/quorum',
  message: 'flowsmith.io/message',
  until: 'flowsmith.io/until',
  error: 'flowsmith.io/error',
  items: 'flowsmith.io/items',
  as: 'flowsmith.io/as',
  call: 'flowsmith.io/call',
} as const;

/** Names of the templates every export may share; step templates never take them. */
export const SharedTemplate = {
  main: 'main',
  compensate: 'flowsmith-compensate',
  branch: 'flowsmith-branch',
  parallel: 'flowsmith-parallel',
  join: 'flowsmith-join',
  succeed: 'flowsmith-succeed',
  route: 'flowsmith-route',
} as const;

/** Prefix of the environment variables that carry values into exported scripts (as in engine/expr/shell.ts). */
export const ARG_PREFIX = 'FLOWSMITH_ARG_';
