import { createSSRApp } from 'vue'
import { AnalyticsNotice } from './vue.js'

// The server rendered the same component into #app (server.ts).
createSSRApp(AnalyticsNotice).mount('#app')
