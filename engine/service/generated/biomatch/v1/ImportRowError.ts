// Original file: proto/biomatch/v1/dna.proto


export interface ImportRowError {
  'line'?: (number);
  'reason'?: (string);
}

export interface ImportRowError__Output {
  'line': (number);
  'reason': (string);
}
