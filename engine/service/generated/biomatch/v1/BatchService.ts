// Original file: proto/biomatch/v1/batch.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { AddScheduleRequest as _biomatch_v1_AddScheduleRequest, AddScheduleRequest__Output as _biomatch_v1_AddScheduleRequest__Output } from '../../biomatch/v1/AddScheduleRequest';
import type { BatchItem as _biomatch_v1_BatchItem, BatchItem__Output as _biomatch_v1_BatchItem__Output } from '../../biomatch/v1/BatchItem';
import type { BatchItemResult as _biomatch_v1_BatchItemResult, BatchItemResult__Output as _biomatch_v1_BatchItemResult__Output } from '../../biomatch/v1/BatchItemResult';
import type { BatchJob as _biomatch_v1_BatchJob, BatchJob__Output as _biomatch_v1_BatchJob__Output } from '../../biomatch/v1/BatchJob';
import type { BatchJobRef as _biomatch_v1_BatchJobRef, BatchJobRef__Output as _biomatch_v1_BatchJobRef__Output } from '../../biomatch/v1/BatchJobRef';
import type { BatchResultsRequest as _biomatch_v1_BatchResultsRequest, BatchResultsRequest__Output as _biomatch_v1_BatchResultsRequest__Output } from '../../biomatch/v1/BatchResultsRequest';
import type { ListBatchJobsRequest as _biomatch_v1_ListBatchJobsRequest, ListBatchJobsRequest__Output as _biomatch_v1_ListBatchJobsRequest__Output } from '../../biomatch/v1/ListBatchJobsRequest';
import type { ListBatchJobsResponse as _biomatch_v1_ListBatchJobsResponse, ListBatchJobsResponse__Output as _biomatch_v1_ListBatchJobsResponse__Output } from '../../biomatch/v1/ListBatchJobsResponse';
import type { ListSchedulesRequest as _biomatch_v1_ListSchedulesRequest, ListSchedulesRequest__Output as _biomatch_v1_ListSchedulesRequest__Output } from '../../biomatch/v1/ListSchedulesRequest';
import type { ListSchedulesResponse as _biomatch_v1_ListSchedulesResponse, ListSchedulesResponse__Output as _biomatch_v1_ListSchedulesResponse__Output } from '../../biomatch/v1/ListSchedulesResponse';
import type { Schedule as _biomatch_v1_Schedule, Schedule__Output as _biomatch_v1_Schedule__Output } from '../../biomatch/v1/Schedule';
import type { ScheduleRef as _biomatch_v1_ScheduleRef, ScheduleRef__Output as _biomatch_v1_ScheduleRef__Output } from '../../biomatch/v1/ScheduleRef';

/**
 * Batch jobs for labs: stream many items in, poll the job, read the results (resumable).
 * A job and its items are stored before Submit answers; a job survives restarts and resumes.
 * Every method sees the calling agency's own jobs only; another agency's job is NOT_FOUND.
 */
export interface BatchServiceClient extends grpc.Client {
  /**
   * Recurring searches owned by the calling agency; each run is a batch job (BatchJob.schedule_id).
   */
  AddSchedule(argument: _biomatch_v1_AddScheduleRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_biomatch_v1_Schedule__Output>): grpc.ClientUnaryCall;
  AddSchedule(argument: _biomatch_v1_AddScheduleRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_biomatch_v1_Schedule__Output>): grpc.ClientUnaryCall;
  AddSchedule(argument: _biomatch_v1_AddScheduleRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_biomatch_v1_Schedule__Output>): grpc.ClientUnaryCall;
  AddSchedule(argument: _biomatch_v1_AddScheduleRequest, callback: grpc.requestCallback<_biomatch_v1_Schedule__Output>): grpc.ClientUnaryCall;
  /**
   * Recurring searches owned by the calling agency; each run is a batch job (BatchJob.schedule_id).
   */
  addSchedule(argument: _biomatch_v1_AddScheduleRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_biomatch_v1_Schedule__Output>): grpc.ClientUnaryCall;
  addSchedule(argument: _biomatch_v1_AddScheduleRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_biomatch_v1_Schedule__Output>): grpc.ClientUnaryCall;
  addSchedule(argument: _biomatch_v1_AddScheduleRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_biomatch_v1_Schedule__Output>): grpc.ClientUnaryCall;
  addSchedule(argument: _biomatch_v1_AddScheduleRequest, callback: grpc.requestCallback<_biomatch_v1_Schedule__Output>): grpc.ClientUnaryCall;
  
  Cancel(argument: _biomatch_v1_BatchJobRef, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_biomatch_v1_BatchJob__Output>): grpc.ClientUnaryCall;
  Cancel(argument: _biomatch_v1_BatchJobRef, metadata: grpc.Metadata, callback: grpc.requestCallback<_biomatch_v1_BatchJob__Output>): grpc.ClientUnaryCall;
  Cancel(argument: _biomatch_v1_BatchJobRef, options: grpc.CallOptions, callback: grpc.requestCallback<_biomatch_v1_BatchJob__Output>): grpc.ClientUnaryCall;
  Cancel(argument: _biomatch_v1_BatchJobRef, callback: grpc.requestCallback<_biomatch_v1_BatchJob__Output>): grpc.ClientUnaryCall;
  cancel(argument: _biomatch_v1_BatchJobRef, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_biomatch_v1_BatchJob__Output>): grpc.ClientUnaryCall;
  cancel(argument: _biomatch_v1_BatchJobRef, metadata: grpc.Metadata, callback: grpc.requestCallback<_biomatch_v1_BatchJob__Output>): grpc.ClientUnaryCall;
  cancel(argument: _biomatch_v1_BatchJobRef, options: grpc.CallOptions, callback: grpc.requestCallback<_biomatch_v1_BatchJob__Output>): grpc.ClientUnaryCall;
  cancel(argument: _biomatch_v1_BatchJobRef, callback: grpc.requestCallback<_biomatch_v1_BatchJob__Output>): grpc.ClientUnaryCall;
  
  /**
   * Removes the job, its items and its results.
   */
  Delete(argument: _biomatch_v1_BatchJobRef, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_biomatch_v1_BatchJob__Output>): grpc.ClientUnaryCall;
  Delete(argument: _biomatch_v1_BatchJobRef, metadata: grpc.Metadata, callback: grpc.requestCallback<_biomatch_v1_BatchJob__Output>): grpc.ClientUnaryCall;
  Delete(argument: _biomatch_v1_BatchJobRef, options: grpc.CallOptions, callback: grpc.requestCallback<_biomatch_v1_BatchJob__Output>): grpc.ClientUnaryCall;
  Delete(argument: _biomatch_v1_BatchJobRef, callback: grpc.requestCallback<_biomatch_v1_BatchJob__Output>): grpc.ClientUnaryCall;
  /**
   * Removes the job, its items and its results.
   */
  delete(argument: _biomatch_v1_BatchJobRef, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_biomatch_v1_BatchJob__Output>): grpc.ClientUnaryCall;
  delete(argument: _biomatch_v1_BatchJobRef, metadata: grpc.Metadata, callback: grpc.requestCallback<_biomatch_v1_BatchJob__Output>): grpc.ClientUnaryCall;
  delete(argument: _biomatch_v1_BatchJobRef, options: grpc.CallOptions, callback: grpc.requestCallback<_biomatch_v1_BatchJob__Output>): grpc.ClientUnaryCall;
  delete(argument: _biomatch_v1_BatchJobRef, callback: grpc.requestCallback<_biomatch_v1_BatchJob__Output>): grpc.ClientUnaryCall;
  
  /**
   * Results in item order from a resume token. `wait`: keep the stream open until the job ends.
   */
  GetResults(argument: _biomatch_v1_BatchResultsRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_biomatch_v1_BatchItemResult__Output>;
  GetResults(argument: _biomatch_v1_BatchResultsRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_biomatch_v1_BatchItemResult__Output>;
  /**
   * Results in item order from a resume token. `wait`: keep the stream open until the job ends.
   */
  getResults(argument: _biomatch_v1_BatchResultsRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_biomatch_v1_BatchItemResult__Output>;
  getResults(argument: _biomatch_v1_BatchResultsRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_biomatch_v1_BatchItemResult__Output>;
  
  GetStatus(argument: _biomatch_v1_BatchJobRef, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_biomatch_v1_BatchJob__Output>): grpc.ClientUnaryCall;
  GetStatus(argument: _biomatch_v1_BatchJobRef, metadata: grpc.Metadata, callback: grpc.requestCallback<_biomatch_v1_BatchJob__Output>): grpc.ClientUnaryCall;
  GetStatus(argument: _biomatch_v1_BatchJobRef, options: grpc.CallOptions, callback: grpc.requestCallback<_biomatch_v1_BatchJob__Output>): grpc.ClientUnaryCall;
  GetStatus(argument: _biomatch_v1_BatchJobRef, callback: grpc.requestCallback<_biomatch_v1_BatchJob__Output>): grpc.ClientUnaryCall;
  getStatus(argument: _biomatch_v1_BatchJobRef, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_biomatch_v1_BatchJob__Output>): grpc.ClientUnaryCall;
  getStatus(argument: _biomatch_v1_BatchJobRef, metadata: grpc.Metadata, callback: grpc.requestCallback<_biomatch_v1_BatchJob__Output>): grpc.ClientUnaryCall;
  getStatus(argument: _biomatch_v1_BatchJobRef, options: grpc.CallOptions, callback: grpc.requestCallback<_biomatch_v1_BatchJob__Output>): grpc.ClientUnaryCall;
  getStatus(argument: _biomatch_v1_BatchJobRef, callback: grpc.requestCallback<_biomatch_v1_BatchJob__Output>): grpc.ClientUnaryCall;
  
  List(argument: _biomatch_v1_ListBatchJobsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_biomatch_v1_ListBatchJobsResponse__Output>): grpc.ClientUnaryCall;
  List(argument: _biomatch_v1_ListBatchJobsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_biomatch_v1_ListBatchJobsResponse__Output>): grpc.ClientUnaryCall;
  List(argument: _biomatch_v1_ListBatchJobsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_biomatch_v1_ListBatchJobsResponse__Output>): grpc.ClientUnaryCall;
  List(argument: _biomatch_v1_ListBatchJobsRequest, callback: grpc.requestCallback<_biomatch_v1_ListBatchJobsResponse__Output>): grpc.ClientUnaryCall;
  list(argument: _biomatch_v1_ListBatchJobsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_biomatch_v1_ListBatchJobsResponse__Output>): grpc.ClientUnaryCall;
  list(argument: _biomatch_v1_ListBatchJobsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_biomatch_v1_ListBatchJobsResponse__Output>): grpc.ClientUnaryCall;
  list(argument: _biomatch_v1_ListBatchJobsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_biomatch_v1_ListBatchJobsResponse__Output>): grpc.ClientUnaryCall;
  list(argument: _biomatch_v1_ListBatchJobsRequest, callback: grpc.requestCallback<_biomatch_v1_ListBatchJobsResponse__Output>): grpc.ClientUnaryCall;
  
  ListSchedules(argument: _biomatch_v1_ListSchedulesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_biomatch_v1_ListSchedulesResponse__Output>): grpc.ClientUnaryCall;
  ListSchedules(argument: _biomatch_v1_ListSchedulesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_biomatch_v1_ListSchedulesResponse__Output>): grpc.ClientUnaryCall;
  ListSchedules(argument: _biomatch_v1_ListSchedulesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_biomatch_v1_ListSchedulesResponse__Output>): grpc.ClientUnaryCall;
  ListSchedules(argument: _biomatch_v1_ListSchedulesRequest, callback: grpc.requestCallback<_biomatch_v1_ListSchedulesResponse__Output>): grpc.ClientUnaryCall;
  listSchedules(argument: _biomatch_v1_ListSchedulesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_biomatch_v1_ListSchedulesResponse__Output>): grpc.ClientUnaryCall;
  listSchedules(argument: _biomatch_v1_ListSchedulesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_biomatch_v1_ListSchedulesResponse__Output>): grpc.ClientUnaryCall;
  listSchedules(argument: _biomatch_v1_ListSchedulesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_biomatch_v1_ListSchedulesResponse__Output>): grpc.ClientUnaryCall;
  listSchedules(argument: _biomatch_v1_ListSchedulesRequest, callback: grpc.requestCallback<_biomatch_v1_ListSchedulesResponse__Output>): grpc.ClientUnaryCall;
  
  RemoveSchedule(argument: _biomatch_v1_ScheduleRef, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_biomatch_v1_Schedule__Output>): grpc.ClientUnaryCall;
  RemoveSchedule(argument: _biomatch_v1_ScheduleRef, metadata: grpc.Metadata, callback: grpc.requestCallback<_biomatch_v1_Schedule__Output>): grpc.ClientUnaryCall;
  RemoveSchedule(argument: _biomatch_v1_ScheduleRef, options: grpc.CallOptions, callback: grpc.requestCallback<_biomatch_v1_Schedule__Output>): grpc.ClientUnaryCall;
  RemoveSchedule(argument: _biomatch_v1_ScheduleRef, callback: grpc.requestCallback<_biomatch_v1_Schedule__Output>): grpc.ClientUnaryCall;
  removeSchedule(argument: _biomatch_v1_ScheduleRef, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_biomatch_v1_Schedule__Output>): grpc.ClientUnaryCall;
  removeSchedule(argument: _biomatch_v1_ScheduleRef, metadata: grpc.Metadata, callback: grpc.requestCallback<_biomatch_v1_Schedule__Output>): grpc.ClientUnaryCall;
  removeSchedule(argument: _biomatch_v1_ScheduleRef, options: grpc.CallOptions, callback: grpc.requestCallback<_biomatch_v1_Schedule__Output>): grpc.ClientUnaryCall;
  removeSchedule(argument: _biomatch_v1_ScheduleRef, callback: grpc.requestCallback<_biomatch_v1_Schedule__Output>): grpc.ClientUnaryCall;
  
  /**
   * Starts a run now (it does not move the next planned run).
   */
  RunSchedule(argument: _biomatch_v1_ScheduleRef, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_biomatch_v1_BatchJob__Output>): grpc.ClientUnaryCall;
  RunSchedule(argument: _biomatch_v1_ScheduleRef, metadata: grpc.Metadata, callback: grpc.requestCallback<_biomatch_v1_BatchJob__Output>): grpc.ClientUnaryCall;
  RunSchedule(argument: _biomatch_v1_ScheduleRef, options: grpc.CallOptions, callback: grpc.requestCallback<_biomatch_v1_BatchJob__Output>): grpc.ClientUnaryCall;
  RunSchedule(argument: _biomatch_v1_ScheduleRef, callback: grpc.requestCallback<_biomatch_v1_BatchJob__Output>): grpc.ClientUnaryCall;
  /**
   * Starts a run now (it does not move the next planned run).
   */
  runSchedule(argument: _biomatch_v1_ScheduleRef, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_biomatch_v1_BatchJob__Output>): grpc.ClientUnaryCall;
  runSchedule(argument: _biomatch_v1_ScheduleRef, metadata: grpc.Metadata, callback: grpc.requestCallback<_biomatch_v1_BatchJob__Output>): grpc.ClientUnaryCall;
  runSchedule(argument: _biomatch_v1_ScheduleRef, options: grpc.CallOptions, callback: grpc.requestCallback<_biomatch_v1_BatchJob__Output>): grpc.ClientUnaryCall;
  runSchedule(argument: _biomatch_v1_ScheduleRef, callback: grpc.requestCallback<_biomatch_v1_BatchJob__Output>): grpc.ClientUnaryCall;
  
  /**
   * Streams the items of one job. The first message may carry a client request id: the same id
   * (per agency) returns the same job and never creates a second one.
   */
  Submit(metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_biomatch_v1_BatchJob__Output>): grpc.ClientWritableStream<_biomatch_v1_BatchItem>;
  Submit(metadata: grpc.Metadata, callback: grpc.requestCallback<_biomatch_v1_BatchJob__Output>): grpc.ClientWritableStream<_biomatch_v1_BatchItem>;
  Submit(options: grpc.CallOptions, callback: grpc.requestCallback<_biomatch_v1_BatchJob__Output>): grpc.ClientWritableStream<_biomatch_v1_BatchItem>;
  Submit(callback: grpc.requestCallback<_biomatch_v1_BatchJob__Output>): grpc.ClientWritableStream<_biomatch_v1_BatchItem>;
  /**
   * Streams the items of one job. The first message may carry a client request id: the same id
   * (per agency) returns the same job and never creates a second one.
   */
  submit(metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_biomatch_v1_BatchJob__Output>): grpc.ClientWritableStream<_biomatch_v1_BatchItem>;
  submit(metadata: grpc.Metadata, callback: grpc.requestCallback<_biomatch_v1_BatchJob__Output>): grpc.ClientWritableStream<_biomatch_v1_BatchItem>;
  submit(options: grpc.CallOptions, callback: grpc.requestCallback<_biomatch_v1_BatchJob__Output>): grpc.ClientWritableStream<_biomatch_v1_BatchItem>;
  submit(callback: grpc.requestCallback<_biomatch_v1_BatchJob__Output>): grpc.ClientWritableStream<_biomatch_v1_BatchItem>;
  
}

/**
 * Batch jobs for labs: stream many items in, poll the job, read the results (resumable).
 * A job and its items are stored before Submit answers; a job survives restarts and resumes.
 * Every method sees the calling agency's own jobs only; another agency's job is NOT_FOUND.
 */
export interface BatchServiceHandlers extends grpc.UntypedServiceImplementation {
  /**
   * Recurring searches owned by the calling agency; each run is a batch job (BatchJob.schedule_id).
   */
  AddSchedule: grpc.handleUnaryCall<_biomatch_v1_AddScheduleRequest__Output, _biomatch_v1_Schedule>;
  
  Cancel: grpc.handleUnaryCall<_biomatch_v1_BatchJobRef__Output, _biomatch_v1_BatchJob>;
  
  /**
   * Removes the job, its items and its results.
   */
  Delete: grpc.handleUnaryCall<_biomatch_v1_BatchJobRef__Output, _biomatch_v1_BatchJob>;
  
  /**
   * Results in item order from a resume token. `wait`: keep the stream open until the job ends.
   */
  GetResults: grpc.handleServerStreamingCall<_biomatch_v1_BatchResultsRequest__Output, _biomatch_v1_BatchItemResult>;
  
  GetStatus: grpc.handleUnaryCall<_biomatch_v1_BatchJobRef__Output, _biomatch_v1_BatchJob>;
  
  List: grpc.handleUnaryCall<_biomatch_v1_ListBatchJobsRequest__Output, _biomatch_v1_ListBatchJobsResponse>;
  
  ListSchedules: grpc.handleUnaryCall<_biomatch_v1_ListSchedulesRequest__Output, _biomatch_v1_ListSchedulesResponse>;
  
  RemoveSchedule: grpc.handleUnaryCall<_biomatch_v1_ScheduleRef__Output, _biomatch_v1_Schedule>;
  
  /**
   * Starts a run now (it does not move the next planned run).
   */
  RunSchedule: grpc.handleUnaryCall<_biomatch_v1_ScheduleRef__Output, _biomatch_v1_BatchJob>;
  
  /**
   * Streams the items of one job. The first message may carry a client request id: the same id
   * (per agency) returns the same job and never creates a second one.
   */
  Submit: grpc.handleClientStreamingCall<_biomatch_v1_BatchItem__Output, _biomatch_v1_BatchJob>;
  
}

export interface BatchServiceDefinition extends grpc.ServiceDefinition {
  AddSchedule: MethodDefinition<_biomatch_v1_AddScheduleRequest, _biomatch_v1_Schedule, _biomatch_v1_AddScheduleRequest__Output, _biomatch_v1_Schedule__Output>
  Cancel: MethodDefinition<_biomatch_v1_BatchJobRef, _biomatch_v1_BatchJob, _biomatch_v1_BatchJobRef__Output, _biomatch_v1_BatchJob__Output>
  Delete: MethodDefinition<_biomatch_v1_BatchJobRef, _biomatch_v1_BatchJob, _biomatch_v1_BatchJobRef__Output, _biomatch_v1_BatchJob__Output>
  GetResults: MethodDefinition<_biomatch_v1_BatchResultsRequest, _biomatch_v1_BatchItemResult, _biomatch_v1_BatchResultsRequest__Output, _biomatch_v1_BatchItemResult__Output>
  GetStatus: MethodDefinition<_biomatch_v1_BatchJobRef, _biomatch_v1_BatchJob, _biomatch_v1_BatchJobRef__Output, _biomatch_v1_BatchJob__Output>
  List: MethodDefinition<_biomatch_v1_ListBatchJobsRequest, _biomatch_v1_ListBatchJobsResponse, _biomatch_v1_ListBatchJobsRequest__Output, _biomatch_v1_ListBatchJobsResponse__Output>
  ListSchedules: MethodDefinition<_biomatch_v1_ListSchedulesRequest, _biomatch_v1_ListSchedulesResponse, _biomatch_v1_ListSchedulesRequest__Output, _biomatch_v1_ListSchedulesResponse__Output>
  RemoveSchedule: MethodDefinition<_biomatch_v1_ScheduleRef, _biomatch_v1_Schedule, _biomatch_v1_ScheduleRef__Output, _biomatch_v1_Schedule__Output>
  RunSchedule: MethodDefinition<_biomatch_v1_ScheduleRef, _biomatch_v1_BatchJob, _biomatch_v1_ScheduleRef__Output, _biomatch_v1_BatchJob__Output>
  Submit: MethodDefinition<_biomatch_v1_BatchItem, _biomatch_v1_BatchJob, _biomatch_v1_BatchItem__Output, _biomatch_v1_BatchJob__Output>
}
