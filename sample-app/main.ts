// Placeholder: the sample app arrives with its own issue.
export {};
