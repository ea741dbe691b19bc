// Original file: proto/biomatch/v1/dna.proto


export interface ListPopulationTablesRequest {
}

export interface ListPopulationTablesRequest__Output {
}
