import { render } from 'svelte/server'
import AnalyticsNotice from './AnalyticsNotice.svelte'

// What a server renders: nanoconsent is inert there, nothing granted.
process.stdout.write(render(AnalyticsNotice).body)
