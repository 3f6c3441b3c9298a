import { ChoicePair } from './choice-pair.js'
import type { View } from './view.js'
import { policyHref } from './policy-url.js'
import { bannerText, gpcText } from './wording.js'

/**
 * The first layer: a labelled region with Accept all, Reject all and
 * Customize. Accept and Reject share a two-column grid, so they always have
 * the same size; the text scrolls inside the banner when it is long, so the
 * buttons stay in view whatever the owner writes.
 */
export function Banner({ view }: { view: View }) {
  const { t, notices, config, lng } = view
  const href = policyHref(config.policyUrl)
  const gpc = notices.gpc && gpcText(config, t, lng)
  return (
    <div class="nc-banner" role="region" aria-label={t('banner.label')} hidden={!view.banner}>
      <div class="nc-text">
        <h2>{t('banner.title')}</h2>
        <p>
          {bannerText(config, t, lng)}
          {href && ' '}
          {href && <a href={href}>{t('banner.policy')}</a>}
        </p>
        {gpc && <p class="nc-note nc-gpc">{gpc}</p>}
        {notices.revisionChanged && <p class="nc-note nc-rev">{t('banner.revision')}</p>}
        {notices.added.length > 0 && <p class="nc-note nc-added">{t('banner.added')}</p>}
        {view.config.unknowable && (view.config.debug || /^(localhost|127\.0\.0\.1|\[::1\])$/.test(location.hostname)) && (
          <p class="nc-note nc-dev" role="alert">
            {t('banner.configError')}
          </p>
        )}
      </div>
      <div class="nc-btns">
        <ChoicePair view={view} />
        <button type="button" data-action="customize" onClick={(e) => view.customize(e.currentTarget)}>
          {t('actions.customize')}
        </button>
      </div>
    </div>
  )
}
