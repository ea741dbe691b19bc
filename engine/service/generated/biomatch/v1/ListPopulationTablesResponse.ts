// Original file: proto/biomatch/v1/dna.proto

import type { PopulationTable as _biomatch_v1_PopulationTable, PopulationTable__Output as _biomatch_v1_PopulationTable__Output } from '../../biomatch/v1/PopulationTable';

export interface ListPopulationTablesResponse {
  'tables'?: (_biomatch_v1_PopulationTable)[];
}

export interface ListPopulationTablesResponse__Output {
  'tables': (_biomatch_v1_PopulationTable__Output)[];
}
