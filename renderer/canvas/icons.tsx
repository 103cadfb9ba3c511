/**
 * Step icons: inline SVG (no icon fonts from the network, DESIGN.md "Security": no remote content).
 * 20×20, stroke in currentColor so the node's type color applies.
 */
import type { ReactElement } from 'react';

const svg = (children: ReactElement | ReactElement[]) => (
  <svg viewBox="0 0 20 20" width="20" height="20" fill="none" stroke="currentColor" strokeWidth="1.6"
    strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
    {children}
  </svg>
);

/** Icon names: step types, plus the task executors that get their own. */
export type IconName =
  | 'shell' | 'http' | 'script' | 'notify' | 'call' | 'task'
  | 'approval' | 'branch' | 'parallel' | 'join' | 'map' | 'wait' | 'succeed' | 'fail';

const icons: Record<IconName, ReactElement> = {
  shell: svg([<rect key="a" x="2.5" y="3.5" width="15" height="13" rx="2" />, <path key="b" d="M6 8l2.5 2L6 12M10 12.5h4" />]),
  http: svg([<circle key="a" cx="10" cy="10" r="7" />, <path key="b" d="M3 10h14M10 3c2.2 2 2.2 12 0 14M10 3c-2.2 2-2.2 12 0 14" />]),
  script: svg([<path key="a" d="M7 6l-4 4 4 4M13 6l4 4-4 4M11 4.5l-2 11" />]),
  notify: svg([<path key="a" d="M5 8a5 5 0 0110 0c0 4 2 5 2 5H3s2-1 2-5M8.5 16a1.5 1.5 0 003 0" />]),
  call: svg([<rect key="a" x="3" y="4" width="14" height="12" rx="2" />, <path key="b" d="M7 10h6M11 8l2 2-2 2" />]),
  task: svg([<circle key="a" cx="10" cy="10" r="2.5" />, <path key="b" d="M10 2.5v2M10 15.5v2M2.5 10h2M15.5 10h2M4.7 4.7l1.4 1.4M13.9 13.9l1.4 1.4M4.7 15.3l1.4-1.4M13.9 6.1l1.4-1.4" />]),
  approval: svg([<circle key="a" cx="8" cy="6.5" r="3" />, <path key="b" d="M2.5 17c0-3 2.5-5 5.5-5 1.2 0 2.2.3 3 .8M12 15l2 2 3.5-4" />]),
  branch: svg([<path key="a" d="M10 2.5l7.5 7.5-7.5 7.5L2.5 10z" />, <path key="b" d="M8 10h4" />]),
  parallel: svg([<path key="a" d="M10 2.5v4M10 6.5L4.5 11v6M10 6.5v10.5M10 6.5l5.5 4.5v6" />]),
  join: svg([<path key="a" d="M4.5 3v6L10 13.5M15.5 3v6L10 13.5M10 3v10.5V17" />]),
  map: svg([<rect key="a" x="2.5" y="6" width="11" height="11" rx="1.5" />, <path key="b" d="M6 3.5h9.5a1 1 0 011 1V14" />]),
  wait: svg([<circle key="a" cx="10" cy="10.5" r="6.5" />, <path key="b" d="M10 7v3.5l2.5 1.5M8 2.5h4" />]),
  succeed: svg([<circle key="a" cx="10" cy="10" r="7" />, <path key="b" d="M6.5 10.2l2.4 2.4 4.6-4.8" />]),
  fail: svg([<circle key="a" cx="10" cy="10" r="7" />, <path key="b" d="M7.3 7.3l5.4 5.4M12.7 7.3l-5.4 5.4" />]),
};

/** The icon element for a name. */
export function StepIcon(props: { name: IconName }) {
  return icons[props.name];
}
