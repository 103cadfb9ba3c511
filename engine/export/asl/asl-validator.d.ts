/**
 * Types for asl-validator 4.0.0, which ships JavaScript only (its API: README.md and src/validator.ts
 * in node_modules/asl-validator). It validates a definition against the ASL JSON schemas and a few
 * graph checks, and MUTATES its input (it adds QueryLanguage to every state): pass a copy.
 */
declare module 'asl-validator' {
  /** An Ajv error or one of the validator's own checks (`Error code`, `Message`). */
  interface AslValidationError {
    'Error code'?: string;
    Message?: string;
    message?: string;
    instancePath?: string;
    schemaError?: { instancePath: string; schemaPath: string };
  }
  function validator(
    definition: unknown,
    options?: { checkPaths: boolean; checkArn: boolean },
  ): { isValid: boolean; errors: AslValidationError[]; errorsText: (separator?: string) => string };
  export = validator;
}
