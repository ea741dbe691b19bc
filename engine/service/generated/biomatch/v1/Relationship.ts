// Original file: proto/biomatch/v1/dna.proto

export const Relationship = {
  RELATIONSHIP_UNSPECIFIED: 'RELATIONSHIP_UNSPECIFIED',
  RELATIONSHIP_PARENT_CHILD: 'RELATIONSHIP_PARENT_CHILD',
  RELATIONSHIP_FULL_SIBLING: 'RELATIONSHIP_FULL_SIBLING',
} as const;

export type Relationship =
  | 'RELATIONSHIP_UNSPECIFIED'
  | 0
  | 'RELATIONSHIP_PARENT_CHILD'
  | 1
  | 'RELATIONSHIP_FULL_SIBLING'
  | 2

export type Relationship__Output = typeof Relationship[keyof typeof Relationship]
