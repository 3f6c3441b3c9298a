import { hydrate } from 'svelte'
import AnalyticsNotice from './AnalyticsNotice.svelte'

// The server rendered the same component into #app (server.ts).
hydrate(AnalyticsNotice, { target: document.getElementById('app')! })
