import { defineComponent, h, onMounted, ref } from 'vue'
import { useStore } from '@nanostores/vue'
import { $consent, consent } from './consent.js'

export const AnalyticsNotice = defineComponent(() => {
  const state = useStore($consent)
  // The server knows no choice: show the visitor's once mounted, so hydration matches.
  const mounted = ref(false)
  onMounted(() => (mounted.value = true))
  return () =>
    mounted.value && state.value.analytics
      ? h('p', 'Thanks for helping us measure the site.')
      : h('button', { onClick: () => consent.showPreferences() }, 'Cookie settings')
})
