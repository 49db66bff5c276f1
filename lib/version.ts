// Mesos versions with stout's rules (3rdparty/stout/include/stout/version.hpp,
// Version::parse and its comparisons, SemVer since Mesos 1.4.0).

/** A parsed version: `major.minor.patch[-prerelease][+build]`. */
export interface Version {
  major: number;
  minor: number;
  patch: number;
  prerelease: string[];
  build: string[];
}

function numify(text: string): number | undefined {
  let value: number;
  if (/^[0-9]+$/.test(text)) value = Number(text);
  else if (/^0[xX][0-9a-fA-F]+$/.test(text)) value = parseInt(text.slice(2), 16);
  else return undefined;
  return value <= 0xffffffff ? value : undefined;
}

function numericIdentifier(text: string): number | undefined {
  return text.startsWith('-') ? undefined : numify(text);
}

function parseLabel(label: string): string[] | string {
  if (label === '') return 'Empty label';
  const identifiers = label.split('.');
  for (const identifier of identifiers) {
    if (identifier === '') return 'Empty identifier';
    const bad = [...identifier].find((c) => !/^[A-Za-z0-9-]$/.test(c));
    if (bad !== undefined) return `Identifier contains illegal character: '${bad}'`;
  }
  return identifiers;
}

/** Splits at the first `separator` only, like stout's strings::split(s, sep, 2). */
function splitOnce(text: string, separator: string): [string, string | undefined] {
  const at = text.indexOf(separator);
  return at < 0 ? [text, undefined] : [text.slice(0, at), text.slice(at + 1)];
}

/** stout's Version::parse: a Version, or the error text Mesos prints. */
export function parseVersion(input: string): Version | { error: string } {
  const [beforeBuild, buildText] = splitOnce(input, '+');
  let build: string[] = [];
  if (buildText !== undefined) {
    const parsed = parseLabel(buildText);
    if (typeof parsed === 'string') return { error: `Invalid build label: ${parsed}` };
    build = parsed;
  }
  const [numbers, prereleaseText] = splitOnce(beforeBuild, '-');
  let prerelease: string[] = [];
  if (prereleaseText !== undefined) {
    const parsed = parseLabel(prereleaseText);
    if (typeof parsed === 'string') return { error: `Invalid prerelease label: ${parsed}` };
    prerelease = parsed;
  }
  const components = numbers.split('.');
  if (components.length > 3) {
    return { error: `Version has ${components.length} components; maximum 3 components allowed` };
  }
  const values = [0, 0, 0];
  for (let i = 0; i < components.length; i++) {
    const value = numericIdentifier(components[i]);
    if (value === undefined) {
      return { error: `Invalid version component '${components[i]}': Failed to convert '${components[i]}' to number` };
    }
    values[i] = value;
  }
  return { major: values[0], minor: values[1], patch: values[2], prerelease, build };
}

/** stout's operator<<: `major.minor.patch[-pre][+build]`. */
export function formatVersion(v: Version): string {
  let text = `${v.major}.${v.minor}.${v.patch}`;
  if (v.prerelease.length > 0) text += `-${v.prerelease.join('.')}`;
  if (v.build.length > 0) text += `+${v.build.join('.')}`;
  return text;
}

/** SemVer precedence; build metadata is ignored. Negative, zero or positive. */
export function compareVersions(a: Version, b: Version): number {
  if (a.major !== b.major) return a.major < b.major ? -1 : 1;
  if (a.minor !== b.minor) return a.minor < b.minor ? -1 : 1;
  if (a.patch !== b.patch) return a.patch < b.patch ? -1 : 1;
  if (a.prerelease.length > 0 && b.prerelease.length === 0) return -1;
  if (a.prerelease.length === 0 && b.prerelease.length > 0) return 1;
  const common = Math.min(a.prerelease.length, b.prerelease.length);
  for (let i = 0; i < common; i++) {
    const x = a.prerelease[i];
    const y = b.prerelease[i];
    const nx = numericIdentifier(x);
    const ny = numericIdentifier(y);
    if (nx !== undefined && ny !== undefined) {
      if (nx !== ny) return nx < ny ? -1 : 1;
    } else if (nx !== undefined) {
      return -1;
    } else if (ny !== undefined) {
      return 1;
    } else if (x !== y) {
      return x < y ? -1 : 1;
    }
  }
  return Math.sign(a.prerelease.length - b.prerelease.length);
}
