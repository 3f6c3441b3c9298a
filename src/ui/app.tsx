import { Banner } from './banner.js'
import { Preferences } from './preferences.js'
import type { View } from './view.js'

/** The whole UI: the banner (kept mounted, hidden when closed) and, when open, the modal. */
export function App({ view }: { view: View }) {
  return (
    <>
      <Banner view={view} />
      {view.modal && <Preferences view={view} />}
    </>
  )
}
