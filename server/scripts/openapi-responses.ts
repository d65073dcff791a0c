import { writeFileSync } from 'fs';
import { join, resolve } from 'path';
import * as ts from 'typescript';

/**
 * What each route answers, from its handler's declared return type (contract types), as JSON
 * Schema: the API document's success bodies (core/openapi/responses.generated.json). Types are
 * followed two levels deep; below that a value is only said to be present. Run after changing a
 * contract type or a handler's return type: `npm run build:openapi` (a test fails when it is stale).
 */

type Schema = Record<string, unknown>;

const ROOT = resolve(__dirname, '../..');
export const RESPONSES_FILE = join(ROOT, 'server/src/core/openapi/responses.generated.json');
const MAX_DEPTH = 2;
const ROUTE_DECORATORS = new Set(['Get', 'Post', 'Put', 'Patch', 'Del', 'Delete']);
const BINARY = new Set(['Buffer', 'Uint8Array', 'Readable', 'ReadStream', 'Stream']);

function isUndefined(type: ts.Type): boolean {
  return (type.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Void)) !== 0;
}

function convert(checker: ts.TypeChecker, type: ts.Type, depth: number): Schema {
  if (type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return {};
  if (type.flags & ts.TypeFlags.Null) return { type: 'null' };
  if (type.flags & ts.TypeFlags.StringLiteral) return { type: 'string', enum: [(type as ts.StringLiteralType).value] };
  if (type.flags & ts.TypeFlags.NumberLiteral) return { type: 'number', enum: [(type as ts.NumberLiteralType).value] };
  if (type.flags & ts.TypeFlags.BooleanLiteral) return { type: 'boolean' };
  if (type.flags & (ts.TypeFlags.String | ts.TypeFlags.TemplateLiteral)) return { type: 'string' };
  if (type.flags & ts.TypeFlags.Number) return { type: 'number' };
  if (type.flags & ts.TypeFlags.Boolean) return { type: 'boolean' };
  if (type.isUnion()) {
    const members = type.types.filter(t => !isUndefined(t));
    if (members.every(t => t.flags & ts.TypeFlags.StringLiteral)) {
      return { type: 'string', enum: members.map(t => (t as ts.StringLiteralType).value) };
    }
    if (members.every(t => t.flags & ts.TypeFlags.BooleanLiteral)) return { type: 'boolean' };
    const options = members.map(t => convert(checker, t, depth));
    return options.length === 1 ? options[0] : { anyOf: options };
  }
  const name = type.getSymbol()?.getName();
  if (name === 'Date') return { type: 'string' };
  if (name && BINARY.has(name)) return { 'x-binary': true };
  if (checker.isArrayType(type)) {
    const [element] = checker.getTypeArguments(type as ts.TypeReference);
    return { type: 'array', items: depth >= MAX_DEPTH || !element ? {} : convert(checker, element, depth + 1) };
  }
  if (checker.isTupleType(type)) {
    // An `as const` list: any of its elements, in any position.
    const elements = checker.getTypeArguments(type as ts.TypeReference);
    const literals = elements.every(t => t.flags & ts.TypeFlags.StringLiteral);
    const items = literals ? { type: 'string', enum: elements.map(t => (t as ts.StringLiteralType).value) } : {};
    return { type: 'array', items: depth >= MAX_DEPTH ? {} : items };
  }
  if (type.flags & ts.TypeFlags.Object) {
    if (depth >= MAX_DEPTH) return { type: 'object' };
    const schema: Schema = { type: 'object' };
    const properties: Record<string, Schema> = {};
    const required: string[] = [];
    for (const property of checker.getPropertiesOfType(type)) {
      const declaration = property.valueDeclaration ?? property.declarations?.[0];
      if (!declaration) continue;
      const propertyType = checker.getTypeOfSymbolAtLocation(property, declaration);
      if (propertyType.getCallSignatures().length > 0) continue;
      properties[property.getName()] = convert(checker, propertyType, depth + 1);
      const optional = (property.flags & ts.SymbolFlags.Optional) !== 0 || (propertyType.isUnion() && propertyType.types.some(isUndefined));
      if (!optional) required.push(property.getName());
    }
    const index = checker.getIndexInfosOfType(type)[0];
    if (index) schema.additionalProperties = convert(checker, index.type, depth + 1);
    if (Object.keys(properties).length > 0) schema.properties = properties;
    if (required.length > 0) schema.required = required;
    return schema;
  }
  return {};
}

function decoratorName(decorator: ts.Decorator): string | undefined {
  const call = decorator.expression;
  return ts.isCallExpression(call) && ts.isIdentifier(call.expression) ? call.expression.text : undefined;
}

/** `Controller.method` → the schema of its JSON answer, `{ 'x-binary': true }` for files, `{ 'x-empty': true }` for none. */
export function buildResponses(): Record<string, Schema> {
  const config = ts.getParsedCommandLineOfConfigFile(join(ROOT, 'server/tsconfig.json'), {}, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: d => {
      throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    },
  });
  if (!config) throw new Error('no server/tsconfig.json');
  const program = ts.createProgram(config.fileNames.filter(f => f.endsWith('.controller.ts')), config.options);
  const checker = program.getTypeChecker();
  const out: Record<string, Schema> = {};
  for (const file of program.getSourceFiles()) {
    if (!file.fileName.includes('/server/src/modules/') || !file.fileName.endsWith('.controller.ts')) continue;
    for (const statement of file.statements) {
      if (!ts.isClassDeclaration(statement) || !statement.name) continue;
      for (const member of statement.members) {
        if (!ts.isMethodDeclaration(member) || !ts.isIdentifier(member.name)) continue;
        const routed = (ts.getDecorators(member) ?? []).some(d => ROUTE_DECORATORS.has(decoratorName(d) ?? ''));
        if (!routed) continue;
        const signature = checker.getSignatureFromDeclaration(member);
        if (!signature) continue;
        let type = checker.getReturnTypeOfSignature(signature);
        if (type.getSymbol()?.getName() === 'Promise') type = checker.getTypeArguments(type as ts.TypeReference)[0] ?? type;
        out[`${statement.name.text}.${member.name.text}`] = isUndefined(type) ? { 'x-empty': true } : convert(checker, type, 0);
      }
    }
  }
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)));
}

if (require.main === module) {
  writeFileSync(RESPONSES_FILE, `${JSON.stringify(buildResponses(), null, 2)}\n`);
  console.log(`wrote ${RESPONSES_FILE}`);
}
