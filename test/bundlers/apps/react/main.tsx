import { hydrateRoot } from 'react-dom/client'
import { VideoEmbed } from './react.js'

// The server rendered the same component into #app (server.tsx).
hydrateRoot(document.getElementById('app')!, <VideoEmbed id="M7lc1UVf-VE" />)
