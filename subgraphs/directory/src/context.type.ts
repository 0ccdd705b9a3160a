import { AuditWitness } from "./witness";

export interface DirectoryContext {
  readonly witness: AuditWitness;
}
