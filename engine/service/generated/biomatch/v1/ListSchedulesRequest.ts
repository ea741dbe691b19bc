// Original file: proto/biomatch/v1/batch.proto


export interface ListSchedulesRequest {
}

export interface ListSchedulesRequest__Output {
}
