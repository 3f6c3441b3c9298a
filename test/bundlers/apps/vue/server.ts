import { createSSRApp } from 'vue'
import { renderToString } from 'vue/server-renderer'
import { AnalyticsNotice } from './vue.js'

// What a server renders: nanoconsent is inert there, nothing granted.
process.stdout.write(await renderToString(createSSRApp(AnalyticsNotice)))
