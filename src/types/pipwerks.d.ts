/** The parts of pipwerks-scorm-api-wrapper 0.1.2 we use (it ships no types). */
declare module "pipwerks-scorm-api-wrapper" {
  export interface Scorm12Api {
    LMSInitialize(p: ""): string;
    LMSFinish(p: ""): string;
    LMSCommit(p: ""): string;
    LMSGetValue(element: string): string;
    LMSSetValue(element: string, value: string): string;
    LMSGetLastError(): string;
    LMSGetErrorString(code: string): string;
    LMSGetDiagnostic(code: string): string;
  }
  /** SCORM 2004's `API_1484_11` (RTE 3.1): pipwerks maps set/get/save to SetValue/GetValue/Commit. */
  export interface Scorm2004Api {
    Initialize(p: ""): string;
    Terminate(p: ""): string;
    Commit(p: ""): string;
    GetValue(element: string): string;
    SetValue(element: string, value: string): string;
    GetLastError(): string;
    GetErrorString(code: string): string;
    GetDiagnostic(code: string): string;
  }
  export const SCORM: {
    version: "1.2" | "2004" | null;
    handleCompletionStatus: boolean;
    handleExitMode: boolean;
    API: { handle: Scorm12Api | Scorm2004Api | null; isFound: boolean; getHandle(): Scorm12Api | Scorm2004Api | null };
    connection: { isActive: boolean };
    data: { completionStatus: string | null; exitStatus: string | null };
    debug: { getCode(): number; getInfo(code: number): string };
    init(): boolean;
    get(element: string): string;
    set(element: string, value: string): boolean;
    save(): boolean;
    quit(): boolean;
  };
  export const debug: { isActive: boolean };
}
