import type { CookieDecl } from '../core/types.js'
import type { Translate } from './locale.js'

const COLUMNS = ['name', 'provider', 'purpose', 'lifetime'] as const

/**
 * A category's cookies. On wide screens a table; on narrow ones (see
 * styles.ts) each cookie becomes a block of label–value rows: the header
 * row is then only visually hidden, screen readers keep the column headers,
 * and the per-cell labels, shown instead, are hidden from them. Words never
 * break inside (Arabic letters are joined), only whole words wrap.
 */
export function CookieTable({ t, rows }: { t: Translate; rows: Required<CookieDecl>[] }) {
  const labels = COLUMNS.map((c) => t(`prefs.${c}`))
  return (
    <table>
      <thead>
        <tr>
          {labels.map((label) => (
            <th scope="col">{label}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr>
            {COLUMNS.map((c, i) => (
              <td>
                <span class="nc-l" aria-hidden="true">
                  {labels[i]}
                </span>
                {/* Names are code (`_ga_*`): left to right even in Arabic. */}
                <bdi dir={c == 'name' ? 'ltr' : undefined}>{row[c]}</bdi>
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  )
}
