import { renderToString } from 'react-dom/server'
import { VideoEmbed } from './react.js'

// What a server renders: nanoconsent is inert there, nothing granted.
process.stdout.write(renderToString(<VideoEmbed id="M7lc1UVf-VE" />))
