/**
 * The left column of the designer (DESIGN.md "Designer": left the workspace files and the
 * palette). `files` is the slot for the workspace Files tree (renderer/files/, built separately):
 * it renders above the palette when given, and the column is just the palette until then.
 */
import type { ReactNode } from 'react';
import { Palette } from './Palette';

/** The left column: optional files tree, then the palette. */
export function LeftColumn(props: { files?: ReactNode }) {
  return (
    <div className="left-column">
      {props.files ? <div className="left-files">{props.files}</div> : null}
      <Palette />
    </div>
  );
}
