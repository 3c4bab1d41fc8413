export * from "./admission-policies";
export * from "./pod-security-namespace";
