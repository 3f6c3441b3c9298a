import { Banner } from './banner'
import { Preferences } from './preferences'
import type { View } from './view'

/** The whole UI: the banner (kept mounted, hidden when closed) and, when open, the modal. */
export function App({ view }: { view: View }) {
  return (
    <>
      <Banner view={view} />
      {view.modal && <Preferences view={view} />}
    </>
  )
}
