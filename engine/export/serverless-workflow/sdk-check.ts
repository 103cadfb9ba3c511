/**
 * Checks an exported document with @serverlessworkflow/sdk 1.0.3-alpha1, the validator DESIGN.md names for
 * Serverless Workflow ("Export and import": checked by npm @serverlessworkflow/sdk). Its entry point
 * is `validate('Workflow', data)`, which throws an Error listing the JSON Schema violations, one per
 * line as `- <instancePath> | <schemaPath> | <message> | <params>` (sdk README "Validate Workflow
 * Definitions"). The SDK embeds the DSL 1.0.3 schema and refuses any document.dsl but "1.0.3".
 */
import * as sdkModule from '@serverlessworkflow/sdk';

type ValidateFn = (typeName: string, data: unknown) => void;

/**
 * The package ships a UMD bundle as `main` and no `exports` map, so Node's ESM loader sees only a
 * default export (module.exports) while bundlers see the named ones; accept both shapes.
 */
const sdk = ((sdkModule as unknown as { default?: { validate?: ValidateFn } }).default ?? sdkModule) as unknown as {
  validate: ValidateFn;
};

/** One schema violation: where in the document (JSON pointer) and what. */
export interface SdkProblem {
  path: string;
  message: string;
}

/** Most violations reported per document: a wrong task shape makes the schema's oneOf list every alternative. */
const MAX_PROBLEMS = 20;

/** Validates `document` as an SW Workflow. Returns the violations (empty when valid). Never throws. */
export function checkWithSdk(document: unknown): SdkProblem[] {
  try {
    sdk.validate('Workflow', document);
    return [];
  } catch (err) {
    return parseSdkError(err instanceof Error ? err.message : String(err));
  }
}

function parseSdkError(message: string): SdkProblem[] {
  const [head = '', ...lines] = message.split('\n');
  const problems: SdkProblem[] = [];
  for (const line of lines) {
    const m = /^- (\S*) \| (\S*) \| (.*?) \| (.*)$/.exec(line);
    if (!m) continue;
    const text = `${m[3]} ${m[4] === '{}' ? '' : m[4]}`.trim();
    if (problems.some((p) => p.path === m[1] && p.message === text)) continue;
    problems.push({ path: m[1] || '/', message: text });
    if (problems.length >= MAX_PROBLEMS) break;
  }
  // A pre-validation hook (the DSL version check) throws a single line with no violations listed.
  return problems.length > 0 ? problems : [{ path: '/', message: head.replace(/^'Workflow' is invalid:?\s*-?\s*/, '') }];
}
