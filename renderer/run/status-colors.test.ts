import { describe, expect, it } from 'vitest';
import { StepStatus } from '../../engine/runtime/state';
import { runStatusLook, statusLook } from './status-colors';

describe('status colors', () => {
  it('maps each step status to the issue #2 color family', () => {
    const hue = (s: string) => statusLook(s).accent;
    expect(hue('pending')).toBe('#3b82f6'); // blue
    expect(hue('running')).toBe('#eab308'); // yellow
    expect(hue('succeeded')).toBe('#16a34a'); // green
    expect(hue('failed')).toBe('#dc2626'); // red
    expect(hue('waiting')).toBe('#f97316'); // orange
    expect(hue('skipped')).toBe('#9ca3af'); // grey
    expect(hue('cancelled')).toBe('#6b7280'); // grey
  });

  it('does not animate a step backing off before a retry or waiting on a timer (issue #10)', () => {
    expect(statusLook('backing-off')).toMatchObject({ isAnimated: false, label: 'Backing off' });
    expect(statusLook('waiting').isAnimated).toBe(false);
  });

  it('animates only running steps and covers every status word', () => {
    for (const s of Object.values(StepStatus)) {
      expect(statusLook(s).isAnimated).toBe(s === 'running');
      expect(statusLook(s).label.toLowerCase().replace(' ', '-')).toBe(s);
    }
    expect(statusLook('something-new')).toEqual(statusLook('pending'));
  });

  it('labels run statuses with step colors', () => {
    expect(runStatusLook('waiting')).toMatchObject({ accent: '#f97316', label: 'Waiting' });
    expect(runStatusLook('succeeded').accent).toBe('#16a34a');
  });
});
