/**
 * The backgrounds kept out of every fit (docs/decisions/segmentation-any-background.md): a study
 * may report them, never learn or tune on them.
 */
export const HELD_OUT_BACKGROUNDS: readonly string[] = ['printed-background', 'ghost-print'];

export function isHeldOut(condition: string): boolean {
  return HELD_OUT_BACKGROUNDS.includes(condition);
}
