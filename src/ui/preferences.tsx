import { ChoicePair } from './choice-pair.js'
import type { CategoryConfig } from '../core/types.js'
import { CookieTable } from './cookie-table.js'
import { trapTab } from './focus.js'
import { isolateNumbers, type View } from './view.js'
import { categoriesOf, cookieRows, listOf, providersOf } from './wording.js'

function Category({ view, cat, index }: { view: View; cat: Required<CategoryConfig>; index: number }) {
  const { t } = view
  const locked = cat.id === 'necessary'
  const id = `nc-c${index}`
  const rows = cookieRows(cat, view.config, t)
  const providers = providersOf(rows, t)
  // An owner's own purpose wins; the providers sentence follows the table, so it names only configured vendors.
  const purpose = [
    t(`categories.${cat.id}.purpose`, { defaultValue: '' }),
    providers.length ? t('prefs.providers', { providers: listOf(t, view.lng, providers) }) : ''
  ]
    .filter(Boolean)
    .join(' ')
  return (
    <div class="nc-cat" data-category={cat.id}>
      <div class="nc-row">
        <h3>
          <label for={id}>{t(`categories.${cat.id}.name`, { defaultValue: cat.id })}</label>
        </h3>
        {locked && <span class="nc-muted">{t('prefs.alwaysOn')}</span>}
        <input
          id={id}
          class="nc-sw"
          type="checkbox"
          role="switch"
          checked={locked || !!view.draft[cat.id]}
          disabled={locked}
          aria-describedby={purpose ? `${id}p` : undefined}
          onChange={(e) => view.toggle(cat.id, e.currentTarget.checked)}
        />
      </div>
      {purpose && <p id={`${id}p`}>{purpose}</p>}
      {rows.length > 0 && (
        <details>
          <summary>
            {isolateNumbers(t('prefs.cookies', { count: rows.length })).map((p) => (typeof p === 'string' ? p : <bdi>{p.n}</bdi>))}
          </summary>
          <CookieTable t={t} rows={rows} />
        </details>
      )}
    </div>
  )
}

/**
 * The second layer: a modal dialog with one switch per category and the
 * cookie tables. The header (title, Close) and the action footer stay in
 * view; only the body between them scrolls. On phones it fills the screen.
 */
export function Preferences({ view }: { view: View }) {
  const { t } = view
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.preventDefault()
      e.stopPropagation()
      view.closeModal()
    } else if (e.key === 'Tab') trapTab(e, e.currentTarget as HTMLElement)
  }
  return (
    <div class="nc-overlay">
      <div class="nc-modal" role="dialog" aria-modal="true" aria-labelledby="nc-mt" aria-describedby="nc-md" onKeyDown={onKeyDown}>
        <div class="nc-head">
          <h2 id="nc-mt" tabIndex={-1}>
            {t('prefs.title')}
          </h2>
          <button type="button" class="nc-x" aria-label={t('actions.close')} data-action="close" onClick={view.closeModal}>
            <span aria-hidden="true">×</span>
          </button>
        </div>
        <div class="nc-body">
          <p id="nc-md">{t('prefs.description')}</p>
          {categoriesOf(view.config).map((cat, index) => (
            <Category key={cat.id} view={view} cat={cat} index={index} />
          ))}
          {view.record && (
            <button type="button" class="nc-dl" data-action="download" onClick={view.download}>
              {t('actions.download')}
            </button>
          )}
        </div>
        <div class="nc-foot nc-btns">
          <button type="button" class="nc-pri" data-action="save" onClick={view.save}>
            {t('actions.save')}
          </button>
          <ChoicePair view={view} />
        </div>
      </div>
    </div>
  )
}
