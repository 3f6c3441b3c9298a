import { useStore } from '@nanostores/react'
import { $consent, consent } from './consent.js'

export function VideoEmbed({ id }: { id: string }) {
  // `initial`: hydration sees what the server rendered (nothing granted), then the visitor's choice.
  const state = useStore($consent, { ssr: 'initial' })
  if (!state.advertising) {
    return <button onClick={() => consent.showPreferences()}>Allow advertising cookies to watch</button>
  }
  return <iframe src={`https://www.youtube.com/embed/${id}`} title="Video" />
}
