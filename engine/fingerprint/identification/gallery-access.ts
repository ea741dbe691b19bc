/**
 * Record access inside a gallery scan, encoded so that worker threads can apply it to a million
 * slots without strings: every distinct (owner, visibility) seen in the gallery is interned as an
 * access group, each slot stores its group number, and a search hands the scan a bitmap of the
 * groups its caller may see. The bitmap is computed with the one rule (engine/security/access.ts,
 * `maySee`) over the groups, so the scan and the rule cannot disagree; an empty or malformed
 * agency gets an empty bitmap and sees nothing.
 */
import { maySee, type RecordAccess } from '../../security/access.js';

export interface AccessGroup extends RecordAccess {
  readonly ownerAgency: string;
  readonly visibility: { readonly agencies: readonly string[]; readonly allAgencies: boolean };
}

export class AccessGroups {
  private readonly groups: AccessGroup[] = [];
  private readonly byKey = new Map<string, number>();

  get size(): number {
    return this.groups.length;
  }

  /** The group number of an owner and visibility, interning it on first sight. */
  intern(access: RecordAccess): number {
    const agencies = [...new Set(access.visibility.agencies)].sort();
    const key = JSON.stringify([access.ownerAgency, access.visibility.allAgencies, agencies]);
    let g = this.byKey.get(key);
    if (g === undefined) {
      g = this.groups.length;
      this.groups.push({ ownerAgency: access.ownerAgency, visibility: { agencies, allAgencies: access.visibility.allAgencies } });
      this.byKey.set(key, g);
    }
    return g;
  }

  get(group: number): AccessGroup {
    return this.groups[group];
  }

  /** One byte per group: 1 where `agency` may see the group's records. */
  visibleTo(agency: string): Uint8Array {
    const bitmap = new Uint8Array(this.groups.length);
    for (let g = 0; g < this.groups.length; g++) if (maySee(agency, this.groups[g])) bitmap[g] = 1;
    return bitmap;
  }
}
