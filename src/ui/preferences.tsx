import type { CategoryConfig, CookieDecl } from '../core/types.js'
import { trapTab } from './focus.js'
import { isolateNumbers, type View } from './view.js'

function Category({ view, cat, index }: { view: View; cat: Required<CategoryConfig>; index: number }) {
  const { t } = view
  const locked = cat.id === 'necessary'
  const id = `nc-c${index}`
  const purpose = t(`categories.${cat.id}.purpose`, { defaultValue: '' })
  // An owner's own wording wins; vendor and consent cookies are worded by the locale.
  const cookies: CookieDecl[] = (cat.cookies || []).map((c) => {
    const key = `cookies.${c.name == view.config.cookieName ? 'consent' : c.name}`
    const text = (field: string) => t(`${key}.${field}`, { defaultValue: '' })
    return {
      name: c.name,
      provider: c.provider || text('provider'),
      purpose: c.purpose || text('purpose'),
      lifetime: c.lifetime || (key == 'cookies.consent' ? t('prefs.days', { count: view.config.expiresAfterDays }) : text('lifetime'))
    }
  })
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
      {cookies.length > 0 && (
        <details>
          <summary>
            {isolateNumbers(t('prefs.cookies', { count: cookies.length })).map((p) =>
              typeof p === 'string' ? p : <bdi>{p.n}</bdi>
            )}
          </summary>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('prefs.name')}</th>
                <th scope="col">{t('prefs.provider')}</th>
                <th scope="col">{t('prefs.purpose')}</th>
                <th scope="col">{t('prefs.lifetime')}</th>
              </tr>
            </thead>
            <tbody>
              {cookies.map((c) => (
                <tr>
                  <td dir="ltr">{c.name}</td>
                  <td>
                    <bdi>{c.provider || ''}</bdi>
                  </td>
                  <td>{c.purpose || ''}</td>
                  <td>
                    <bdi>{c.lifetime || ''}</bdi>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      )}
    </div>
  )
}

/** The second layer: a modal dialog with one switch per category and the cookie tables. */
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
        <button type="button" class="nc-x" aria-label={t('actions.close')} onClick={view.closeModal}>
          <span aria-hidden="true">×</span>
        </button>
        <h2 id="nc-mt" tabIndex={-1}>
          {t('prefs.title')}
        </h2>
        <p id="nc-md">{t('prefs.description')}</p>
        {view.config.categories.map((cat, index) => (
          <Category key={cat.id} view={view} cat={cat} index={index} />
        ))}
        <div class="nc-foot">
          <div class="nc-btns">
            <button type="button" class="nc-pri" data-action="save" onClick={view.save}>
              {t('actions.save')}
            </button>
            <button type="button" class="nc-pri" data-action="accept-all" onClick={view.acceptAll}>
              {t('actions.acceptAll')}
            </button>
            <button type="button" class="nc-pri" data-action="reject-all" onClick={view.rejectAll}>
              {t('actions.rejectAll')}
            </button>
          </div>
          {view.record && (
            <button type="button" data-action="download" onClick={view.download}>
              {t('actions.download')}
            </button>
          )}
        </div>
      </div>
    </div>
  )
}
