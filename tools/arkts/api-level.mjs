// The API-level check: every use of an SDK member (anything declared in ./stubs) whose @since is newer than
// the app's compatibleSdkVersion must sit where `deviceInfo.sdkApiVersion` is known to be at least that level:
// in the then-branch of `if (deviceInfo.sdkApiVersion >= N)`, the else-branch of `if (... < N)`, the matching
// side of `?:`, `&&` or `||`, with N a number literal or a const of literal type. Early returns and helper
// functions do not count: the guard must enclose the use. `canIUse` does not count either (Push Kit's SysCap
// exists since API 10, so it cannot tell API 18 apart). Nothing may be newer than targetSdkVersion, the SDK DevEco
// compiles with. Every stub declaration must carry @since; of its repeated doc blocks the earliest counts, and a
// string literal argument counts from the first block whose @param type allows it. A use is any name that reaches the member: a call (its
// resolved overload), a property read, `x['member']`, a destructured `{ member }` and a shorthand `{ member }` in an
// object literal the SDK types.
// Exit 1 on any problem, each reported as file:line:col.
import path from 'node:path';
import { ROOT, STUBS, TOOLS, checkedEtsFiles, compilerOptions, readJson5, rel, stageShared, stubFiles, ts } from './project.mjs';

const isStub = (file) => path.normalize(file.fileName).startsWith(STUBS + path.sep);

/** "5.0.0(12)" → 12; a bare number is an API level already. */
export function apiLevelOf(version) {
  const text = String(version).trim();
  const match = /\((\d+)\)\s*$/.exec(text) ?? /^(\d+)$/.exec(text);
  if (!match) throw new Error(`cannot read an API level from "${text}"`);
  return Number(match[1]);
}

/** The oldest level the app runs on (compatibleSdkVersion) and the SDK it must compile with (targetSdkVersion). */
function productLevels() {
  const profile = readJson5(path.join(ROOT, 'build-profile.json5'));
  const products = profile.app.products;
  const missing = products.find((product) => product.targetSdkVersion === undefined);
  if (missing) throw new Error(`build-profile.json5: product ${missing.name} sets no targetSdkVersion`);
  return {
    compatible: Math.min(...products.map((product) => apiLevelOf(product.compatibleSdkVersion))),
    target: Math.min(...products.map((product) => apiLevelOf(product.targetSdkVersion)))
  };
}

/** The earliest `@since` of a declaration's doc blocks ("5.1.0(18)", "9", "arkts {'1.1':'12', ...}"). */
function sinceOf(declaration) {
  // ts.getJSDocTags reads only the last doc block, the newest; the SDK repeats one block per version.
  const host = ts.isVariableDeclaration(declaration) ? declaration.parent?.parent : declaration;
  const blocks = host?.jsDoc ?? [];
  return blocks.length > 0 ? earliest(blocks.flatMap((block) => [...(block.tags ?? [])])) : earliest(ts.getJSDocTags(declaration));
}

/** The earliest level the @since tags among `tags` name; undefined without one. */
function earliest(tags) {
  const levels = [];
  for (const tag of tags ?? []) {
    if (tag.tagName.text !== 'since') continue;
    const text = typeof tag.comment === 'string' ? tag.comment : ts.getTextOfJSDocComment(tag.comment) ?? '';
    const arkts11 = /'1\.1'\s*:\s*'(\d+)'/.exec(text);
    levels.push(arkts11 ? Number(arkts11[1]) : apiLevelOf(text.split(/\s/)[0]));
  }
  return levels.length > 0 ? Math.min(...levels) : undefined;
}

/**
 * When a string literal argument became valid for a parameter whose values grew over the SDK's repeated doc blocks
 * (pushService.receiveMessage: 'EMERGENCY' from 12, 'DEFAULT' from 14): the earliest block whose @param type lists
 * the literal or names a type (which then allows every value of the declaration). Undefined when no block says.
 */
function literalSince(declaration, parameterName, literal) {
  let level;
  for (const block of declaration.jsDoc ?? []) {
    const since = earliest(block.tags);
    const param = (block.tags ?? []).find((tag) => ts.isJSDocParameterTag(tag) && tag.name.getText() === parameterName);
    const type = param?.typeExpression?.type;
    if (since === undefined || type === undefined) continue;
    const members = ts.isUnionTypeNode(type) ? type.types : [type];
    const allows = members.some((member) => !ts.isLiteralTypeNode(member) ||
      (ts.isStringLiteral(member.literal) && member.literal.text === literal));
    if (allows) level = Math.min(level ?? since, since);
  }
  return level;
}

const problems = [];
const report = (node, message) => {
  const file = node.getSourceFile();
  const { line, character } = file.getLineAndCharacterOfPosition(node.getStart());
  problems.push({ file, line, character, message });
};

/** Every declaration in the stubs states when it appeared: the check below is only as good as these tags. */
function checkStubTags(program) {
  const needsTag = (node) => ts.isFunctionDeclaration(node) || ts.isMethodSignature(node) || ts.isMethodDeclaration(node) ||
    ts.isPropertySignature(node) || ts.isPropertyDeclaration(node) || ts.isClassDeclaration(node) ||
    ts.isInterfaceDeclaration(node) || ts.isEnumDeclaration(node) || ts.isEnumMember(node) ||
    ts.isTypeAliasDeclaration(node) || ts.isVariableStatement(node) || ts.isCallSignatureDeclaration(node) ||
    (ts.isModuleDeclaration(node) && !ts.isStringLiteral(node.name));
  for (const file of program.getSourceFiles().filter(isStub)) {
    const visit = (node) => {
      if (needsTag(node) && sinceOf(node) === undefined) {
        report(node.name ?? node, `stub declaration ${node.name?.getText() ?? ''} has no @since tag`);
      }
      ts.forEachChild(node, visit);
    };
    visit(file);
  }
}

export function createApiLevelChecker(checker) {
  const sdkApiVersion = (node) => {
    const inner = ts.skipPartiallyEmittedExpressions(node);
    if (!ts.isPropertyAccessExpression(inner) || inner.name.text !== 'sdkApiVersion') return false;
    const symbol = checker.getSymbolAtLocation(inner.name);
    // VariableDeclaration → VariableDeclarationList → VariableStatement → ModuleBlock of `namespace deviceInfo`.
    return (symbol?.declarations ?? []).some((d) => {
      const block = d.parent?.parent?.parent;
      return isStub(d.getSourceFile()) && block !== undefined && ts.isModuleBlock(block) && block.parent.name.text === 'deviceInfo';
    });
  };
  const constantNumber = (node) => {
    if (ts.isNumericLiteral(node)) return Number(node.text);
    const type = checker.getTypeAtLocation(node);
    return type.isNumberLiteral() ? type.value : undefined;
  };

  /** The API level `expr` guarantees when it evaluates to `outcome`; 0 when it guarantees none. */
  function guaranteed(expr, outcome) {
    if (ts.isParenthesizedExpression(expr)) return guaranteed(expr.expression, outcome);
    if (ts.isPrefixUnaryExpression(expr) && expr.operator === ts.SyntaxKind.ExclamationToken) {
      return guaranteed(expr.operand, !outcome);
    }
    if (!ts.isBinaryExpression(expr)) return 0;
    const op = expr.operatorToken.kind;
    if (op === ts.SyntaxKind.AmpersandAmpersandToken) {
      return outcome ? Math.max(guaranteed(expr.left, true), guaranteed(expr.right, true)) : 0;
    }
    if (op === ts.SyntaxKind.BarBarToken) {
      return outcome ? Math.min(guaranteed(expr.left, true), guaranteed(expr.right, true))
        : Math.max(guaranteed(expr.left, false), guaranteed(expr.right, false));
    }
    // Normalise to `sdkApiVersion <op> N`.
    let n;
    let relation = op;
    if (sdkApiVersion(expr.left) && (n = constantNumber(expr.right)) !== undefined) {
      // as written
    } else if (sdkApiVersion(expr.right) && (n = constantNumber(expr.left)) !== undefined) {
      const mirrored = {
        [ts.SyntaxKind.LessThanToken]: ts.SyntaxKind.GreaterThanToken,
        [ts.SyntaxKind.LessThanEqualsToken]: ts.SyntaxKind.GreaterThanEqualsToken,
        [ts.SyntaxKind.GreaterThanToken]: ts.SyntaxKind.LessThanToken,
        [ts.SyntaxKind.GreaterThanEqualsToken]: ts.SyntaxKind.LessThanEqualsToken
      };
      relation = mirrored[op] ?? op;
    } else {
      return 0;
    }
    const K = ts.SyntaxKind;
    if (outcome) {
      if (relation === K.GreaterThanEqualsToken || relation === K.EqualsEqualsEqualsToken || relation === K.EqualsEqualsToken) return n;
      if (relation === K.GreaterThanToken) return Math.floor(n) + 1;
      return 0;
    }
    if (relation === K.LessThanToken) return n;
    if (relation === K.LessThanEqualsToken) return Math.floor(n) + 1;
    return 0;
  }

  /** The highest API level guaranteed wherever `node` runs, from the branches that enclose it. */
  function guardedLevel(node) {
    let level = 0;
    for (let child = node, parent = node.parent; parent; child = parent, parent = parent.parent) {
      if (ts.isIfStatement(parent) && child !== parent.expression) {
        level = Math.max(level, guaranteed(parent.expression, child === parent.thenStatement));
      } else if (ts.isConditionalExpression(parent) && child !== parent.condition) {
        level = Math.max(level, guaranteed(parent.condition, child === parent.whenTrue));
      } else if (ts.isBinaryExpression(parent) && child === parent.right) {
        const op = parent.operatorToken.kind;
        if (op === ts.SyntaxKind.AmpersandAmpersandToken) level = Math.max(level, guaranteed(parent.left, true));
        if (op === ts.SyntaxKind.BarBarToken) level = Math.max(level, guaranteed(parent.left, false));
      }
    }
    return level;
  }

  /** The property `name` of `type`, through unions (a member reached on any branch counts). */
  const propertyOf = (type, name) => name === undefined ? undefined : type?.getProperty(name) ??
    (type?.isUnion() ? type.types.map((t) => t.getProperty(name)).find(Boolean) : undefined);

  /** The member a reference names: `x['on']` and `x[key]` with `const key = 'on'` both name `on`. */
  function memberName(reference) {
    const parent = reference.parent;
    if (ts.isElementAccessExpression(parent) && parent.argumentExpression === reference) {
      const key = checker.getTypeAtLocation(reference);
      return key.isStringLiteral() ? key.value : undefined;
    }
    return reference.text;
  }

  /**
   * The stub declarations a reference uses: the overload a call resolves to, else every declaration. A reference is
   * an identifier, or the key of `x['member']` / `x[key]`. Names that bind a local rather than denote the SDK member
   * are followed to the member they copy: a destructured `{ on } = pushService` (also in a parameter), and a
   * shorthand `{ readTimeout }` in an object literal the SDK types.
   */
  function stubDeclarations(reference) {
    const parent = reference.parent;
    const callee = (ts.isPropertyAccessExpression(parent) && parent.name === reference) ||
      (ts.isElementAccessExpression(parent) && parent.argumentExpression === reference) ? parent : reference;
    const call = callee.parent;
    if (call && (ts.isCallExpression(call) || ts.isNewExpression(call)) && call.expression === callee) {
      const declaration = checker.getResolvedSignature(call)?.declaration;
      if (declaration && isStub(declaration.getSourceFile())) return [declaration];
    }
    let symbol;
    if (ts.isElementAccessExpression(parent) && parent.argumentExpression === reference) {
      // The key names the member; a key that is no string literal is an ordinary reference itself.
      symbol = memberName(reference) === undefined ? checker.getSymbolAtLocation(reference)
        : propertyOf(checker.getTypeAtLocation(parent.expression), memberName(reference));
    } else if (ts.isBindingElement(parent) && ts.isObjectBindingPattern(parent.parent) &&
      (parent.propertyName ?? parent.name) === reference) {
      symbol = propertyOf(checker.getTypeAtLocation(parent.parent), reference.text);
    } else if (ts.isShorthandPropertyAssignment(parent) && parent.name === reference) {
      symbol = propertyOf(checker.getContextualType(parent.parent), reference.text);
    } else if (ts.isPropertyAssignment(parent) && parent.name === reference) {
      // A property of an object literal typed by the SDK (e.g. http.HttpRequestOptions).
      symbol = propertyOf(checker.getContextualType(parent.parent), reference.text) ?? checker.getSymbolAtLocation(reference);
    } else {
      symbol = checker.getSymbolAtLocation(reference);
    }
    if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
    return (symbol?.declarations ?? []).filter((d) => isStub(d.getSourceFile()));
  }

  /**
   * Problems of one source file: uses newer than `compatible` that no guard covers, and uses newer than `target`
   * (the SDK DevEco compiles with would not declare them).
   */
  return function check(sourceFile, { compatible, target }, onProblem) {
    /** A literal argument newer than the member it is passed to, e.g. receiveMessage('DEFAULT', …) below API 14. */
    const checkLiteralArguments = (call) => {
      const declaration = checker.getResolvedSignature(call)?.declaration;
      if (!declaration || !isStub(declaration.getSourceFile()) || !declaration.parameters) return;
      call.arguments.forEach((argument, index) => {
        const parameter = declaration.parameters[index];
        const type = checker.getTypeAtLocation(argument);
        if (!parameter || !ts.isIdentifier(parameter.name) || !type.isStringLiteral()) return;
        const since = literalSince(declaration, parameter.name.text, type.value);
        if (since === undefined || since <= (sinceOf(declaration) ?? 0)) return;
        const what = `'${type.value}' as ${parameter.name.text}`;
        if (since > target) {
          onProblem(argument, `${what} is @since API ${since}: the SDK of targetSdkVersion (API ${target}) does not have it`);
        } else if (since > compatible && guardedLevel(argument) < since) {
          onProblem(argument, `${what} is @since API ${since}, newer than compatibleSdkVersion (API ${compatible}): ` +
            `pass it only inside if (deviceInfo.sdkApiVersion >= ${since})`);
        }
      });
    };
    const visit = (node) => {
      if (ts.isCallExpression(node)) checkLiteralArguments(node);
      const reference = (ts.isIdentifier(node) && !ts.isImportSpecifier(node.parent)) ||
        (node.parent !== undefined && ts.isElementAccessExpression(node.parent) && node.parent.argumentExpression === node);
      if (reference) {
        const declarations = stubDeclarations(node);
        const levels = declarations.map(sinceOf).filter((level) => level !== undefined);
        if (levels.length > 0) {
          const since = Math.min(...levels);
          if (since > target) {
            onProblem(node, `${memberName(node) ?? node.getText()} is @since API ${since}: the SDK of targetSdkVersion (API ${target}) does not have it`);
          } else if (since > compatible && guardedLevel(node) < since) {
            onProblem(node, `${memberName(node) ?? node.getText()} is @since API ${since}, newer than compatibleSdkVersion (API ${compatible}): ` +
              `call it only inside if (deviceInfo.sdkApiVersion >= ${since})`);
          }
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(sourceFile);
  };
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === path.join(TOOLS, 'api-level.mjs');
if (isMain) {
  const staged = stageShared();
  try {
    const files = checkedEtsFiles(staged);
    const program = ts.createProgram([...files, ...stubFiles()], compilerOptions(staged.index));
    const levels = productLevels();
    // Binding (which sets the parent links both passes walk) happens when the checker is created.
    const check = createApiLevelChecker(program.getTypeChecker());
    checkStubTags(program);
    for (const file of files) {
      const sourceFile = program.getSourceFile(file);
      if (sourceFile) check(sourceFile, levels, (node, message) => report(node, message));
    }
    for (const { file, line, character, message } of problems) {
      const name = path.normalize(file.fileName);
      // Stub problems are reported under the project root like every other file.
      console.log(`${rel(staged.originals.get(name) ?? name)}:${line + 1}:${character + 1} ${message}`);
    }
    console.log(`arkts api-level: ${files.length} files, compatibleSdkVersion API ${levels.compatible}, ` +
      `targetSdkVersion API ${levels.target}: ${problems.length} problems`);
    process.exitCode = problems.length === 0 ? 0 : 1;
  } finally {
    staged.remove();
  }
}
