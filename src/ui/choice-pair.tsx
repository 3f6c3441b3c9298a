import type { View } from './view.js'

/**
 * "Accept all" and "Reject all", side by side in one grid cell pair so they
 * always have the same size and weight (EDPB): on the banner and in the
 * preferences' footer alike.
 */
export function ChoicePair({ view }: { view: View }) {
  return (
    <div class="nc-pair">
      <button type="button" class="nc-pri" data-action="accept-all" onClick={view.acceptAll}>
        {view.t('actions.acceptAll')}
      </button>
      <button type="button" class="nc-pri" data-action="reject-all" onClick={view.rejectAll}>
        {view.t('actions.rejectAll')}
      </button>
    </div>
  )
}
