// The README's config tables are the owner's reference: they must list every
// key of the config interfaces in src/core/types.ts, with the same type text
// and the default their TSDoc states ("Default 182.", "Default: host-only.",
// "`auto` (default) …"), and nothing else.
import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'

const repo = resolve(import.meta.dirname, '../..')
const typesFile = join(repo, 'src/core/types.ts')
const source = ts.createSourceFile(typesFile, readFileSync(typesFile, 'utf8'), ts.ScriptTarget.Latest, true)
const readme = readFileSync(join(repo, 'README.md'), 'utf8')

interface Row {
  key: string
  type: string
  default: string
}

/** The default a TSDoc comment states, or `—` when it states none. */
export function tsdocDefault(doc: string): string {
  const text = doc.replace(/\s+/g, ' ').trim()
  const stated = /\bDefault(?::)? (.+?)\.(?: |$)/.exec(text)
  if (stated) return stated[1]!.trim()
  const inline = /(`[^`]+`) \(default\)/.exec(text)
  if (inline) return inline[1]!
  return '—'
}

function fromInterface(name: string): Row[] {
  let found: ts.InterfaceDeclaration | undefined
  source.forEachChild((node) => {
    if (ts.isInterfaceDeclaration(node) && node.name.text === name) found = node
  })
  if (!found) throw new Error(`interface ${name} not found in src/core/types.ts`)
  return found.members.filter(ts.isPropertySignature).map((m) => {
    const doc = ts
      .getJSDocCommentsAndTags(m)
      .map((d) => (typeof d.comment === 'string' ? d.comment : ts.getTextOfJSDocComment(d.comment) ?? ''))
      .join(' ')
    return {
      key: m.name.getText(source),
      type: m.type ? m.type.getText(source).replace(/\s+/g, ' ') : 'any',
      default: tsdocDefault(doc)
    }
  })
}

/** The table after `<!-- config-table: NAME -->`: key, type (code span unwrapped, `\|` unescaped) and default. */
function fromReadme(name: string): Row[] {
  const at = readme.indexOf(`<!-- config-table: ${name} -->`)
  if (at < 0) throw new Error(`README.md has no <!-- config-table: ${name} --> table`)
  const lines = readme.slice(at).split('\n').slice(1)
  const rows = lines.slice(2, lines.findIndex((l, i) => i >= 2 && !l.startsWith('|')))
  return rows.map((line) => {
    const cells = line
      .replace(/^\|/, '')
      .replace(/\|$/, '')
      .split(/(?<!\\)\|/)
      .map((c) => c.trim().replace(/\\\|/g, '|'))
    const code = (c: string) => c.replace(/^`(.*)`$/, '$1')
    return { key: code(cells[0]!), type: code(cells[1]!), default: cells[2]! }
  })
}

describe('README config reference', () => {
  for (const name of ['NanoconsentConfig', 'Ga4Config', 'MetaPixelConfig', 'AffiliateConfig']) {
    it(`lists every key of ${name} with its type and TSDoc default`, () => {
      const expected = fromInterface(name)
      const actual = fromReadme(name)
      expect(actual.map((r) => r.key)).toEqual(expected.map((r) => r.key))
      for (const row of expected) {
        const doc = actual.find((r) => r.key === row.key)!
        expect({ key: row.key, type: doc.type }).toEqual({ key: row.key, type: row.type })
        // Equal up to case and backticks: `auto` in the TSDoc may read auto in the table.
        expect({ key: row.key, default: normalise(doc.default) }).toEqual({ key: row.key, default: normalise(row.default) })
      }
    })
  }
})

describe('tsdocDefault', () => {
  it('reads the three ways the types state a default', () => {
    expect(tsdocDefault('Days a choice is valid before the visitor is asked again. Default 182.')).toBe('182')
    expect(tsdocDefault('Consent cookie domain, e.g. `.example.com`. Default: host-only.')).toBe('host-only')
    expect(tsdocDefault('`auto` (default) or a language tag such as `ar` or `fr-CA`.')).toBe('`auto`')
    expect(tsdocDefault('Privacy policy link shown in the banner (http(s) or relative).')).toBe('—')
  })
})

/** Same text up to case and backticks around a single value. */
function normalise(s: string): string {
  return s.replace(/`/g, '').replace(/\s+/g, ' ').trim().toLowerCase()
}
