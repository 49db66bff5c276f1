// Mesos messages as plain JS objects in Mesos's JSON form: proto field names
// (snake_case as declared in sdk/proto), enums as names, bytes as base64,
// int64 as numbers (strings beyond 2^53). The native converter checks every
// value against the .proto schema and names the field path of a bad one.

/** A Mesos message in JSON form. */
export interface MesosMessage {
  [field: string]: unknown;
}

export type TaskInfo = MesosMessage;
export type ExecutorInfo = MesosMessage;
export type FrameworkInfo = MesosMessage;
export type SlaveInfo = MesosMessage;
export type TaskStatus = MesosMessage;
export type FrameworkID = MesosMessage;
export type ContainerID = MesosMessage;
export type Resource = MesosMessage;
export type Attribute = MesosMessage;
export type Environment = MesosMessage;
export type DockerTaskExecutorPrepareInfo = MesosMessage;

/** mesos.Label */
export interface Label {
  key: string;
  value?: string;
}

/** mesos.Labels */
export interface Labels {
  labels?: Label[];
}
