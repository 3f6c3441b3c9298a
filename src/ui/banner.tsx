import type { View } from './view.js'
import { policyHref } from './policy-url.js'

/** The first layer: a labelled region with Accept all, Reject all and Customize of equal weight. */
export function Banner({ view }: { view: View }) {
  const { t, notices } = view
  const href = policyHref(view.config.policyUrl)
  return (
    <div class="nc-banner" role="region" aria-label={t('banner.label')} hidden={!view.banner}>
      <div class="nc-text">
        <h2>{t('banner.title')}</h2>
        <p>
          {t('banner.text')}
          {href && ' '}
          {href && <a href={href}>{t('banner.policy')}</a>}
        </p>
        {notices.gpc && <p class="nc-note nc-gpc">{t('banner.gpc')}</p>}
        {notices.revisionChanged && <p class="nc-note nc-rev">{t('banner.revision')}</p>}
        {notices.added.length > 0 && <p class="nc-note nc-added">{t('banner.added')}</p>}
        {view.config.unknowable && (view.config.debug || /^(localhost|127\.0\.0\.1|\[::1\])$/.test(location.hostname)) && (
          <p class="nc-note nc-dev" role="alert">
            {t('banner.configError')}
          </p>
        )}
      </div>
      <div class="nc-btns">
        <button type="button" class="nc-pri" data-action="accept-all" onClick={view.acceptAll}>
          {t('actions.acceptAll')}
        </button>
        <button type="button" class="nc-pri" data-action="reject-all" onClick={view.rejectAll}>
          {t('actions.rejectAll')}
        </button>
        <button type="button" data-action="customize" onClick={(e) => view.customize(e.currentTarget)}>
          {t('actions.customize')}
        </button>
      </div>
    </div>
  )
}
