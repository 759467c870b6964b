import { apiProblems, type ProblemCode } from '../../schemas/problem-codes.ts';

/** schemathesis's own defaults (config/_checks.py), less `5xx`: a server error is never right. */
const acceptedByDefault = ['2xx', '3xx', '401', '403', '404', '409', '429'];
/** Its defaults for a request that breaks the contract, and what Node answers before any route. */
const rejectedByDefault = [
  '400',
  '401',
  '403',
  '404',
  '405',
  '406',
  '409',
  '413',
  '415',
  '422',
  '428',
  '429',
  '431',
];

interface Operation {
  operationId: string;
  'x-beyond-schema'?: Partial<Record<ProblemCode, string>>;
}

/**
 * schemathesis.toml for a run against the generated OpenAPI document: a request that meets the
 * contract must be accepted, except where the operation itself names a rule beyond the contract
 * (`x-beyond-schema`: a signature, an opaque cursor, an RRULE with no occurrence); then the
 * status of that rule's code is accepted too, for that operation only.
 */
export function schemathesisConfig(document: {
  paths: Record<string, Record<string, Operation>>;
}): string {
  const sections = [
    `[checks.positive_data_acceptance]\nexpected-statuses = ${JSON.stringify(acceptedByDefault)}`,
    `[checks.negative_data_rejection]\nexpected-statuses = ${JSON.stringify(rejectedByDefault)}`,
  ];
  for (const operation of Object.values(document.paths).flatMap((path) => Object.values(path))) {
    const beyond = Object.keys(operation['x-beyond-schema'] ?? {}) as ProblemCode[];
    if (!beyond.length) continue;
    const statuses = [...new Set(beyond.map((code) => String(apiProblems[code].status)))];
    sections.push(
      [
        '[[operations]]',
        `include-operation-id = "${operation.operationId}"`,
        `checks.positive_data_acceptance.expected-statuses = ${JSON.stringify([
          ...acceptedByDefault,
          ...statuses.filter((status) => !acceptedByDefault.includes(status)),
        ])}`,
      ].join('\n'),
    );
  }
  return `${sections.join('\n\n')}\n`;
}
