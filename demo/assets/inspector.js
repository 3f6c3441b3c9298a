// The demo's privacy inspector: consent state, every request the page made to
// a tracker host (reported by the service worker in /sw.js), and the cookies
// the page can see. Site code, not a tracker: it never sends anything anywhere.
;(function () {
  const aside = document.querySelector('.inspector')
  if (!aside) return
  const S = JSON.parse(aside.getAttribute('data-strings') || '{}')
  const $ = (id) => document.getElementById(id)
  const nc = window.nanoconsent
  const KEY = 'nanoconsent-demo:requests'

  const fmtTime = (t) => new Date(t).toLocaleTimeString(document.documentElement.lang, { hour12: false })
  const el = (tag, props, ...kids) => {
    const e = document.createElement(tag)
    Object.assign(e, props)
    for (const k of kids) e.append(k)
    return e
  }

  // ---- which category a request or a cookie belongs to ----------------------
  function categoryOfRequest(u) {
    const url = new URL(u)
    const h = url.hostname
    if (h === 'www.googletagmanager.com') return /[?&]id=AW-/.test(url.search) ? 'advertising' : 'analytics'
    if (/google-analytics\.com$/.test(h)) return 'analytics'
    if (/doubleclick\.net$|googleadservices\.com$|facebook\.(com|net)$/.test(h)) return 'advertising'
    if (h === 'partners.example') return 'affiliate'
    return 'other'
  }
  function categoryOfCookie(name) {
    if (name === 'nanoconsent') return 'necessary'
    if (/^_ga($|_)|^_gid$|^_gat/.test(name)) return 'analytics'
    if (/^_fbp$|^_fbc$|^_gcl_/.test(name)) return 'advertising'
    if (name === 'aff_id') return 'affiliate'
    return 'other'
  }
  const chip = (cat) => el('span', { className: `cat cat-${cat}`, textContent: S.categories[cat] || cat })

  // ---- consent --------------------------------------------------------------
  function renderConsent() {
    if (!nc) return
    const state = nc.get()
    const rec = nc.record()
    $('insp-decided').textContent = state.decided ? `${S.decided}: ${S.method[rec && rec.method] || ''}` : S.undecided
    const list = $('insp-state')
    list.replaceChildren()
    for (const cat of Object.keys(state)) {
      if (cat === 'decided') continue
      const on = !!state[cat]
      list.append(
        el(
          'li',
          { className: on ? 'on' : 'off' },
          el('span', { className: 'dot', ariaHidden: 'true' }),
          el('span', { className: 'name', textContent: S.categories[cat] || cat }),
          el('span', { className: 'value', textContent: cat === 'necessary' ? S.alwaysOn : on ? S.granted : S.denied })
        )
      )
    }
  }

  // ---- requests (kept for the tab's session, so a reload does not hide what happened) ----
  let entries = []
  try {
    entries = JSON.parse(sessionStorage.getItem(KEY) || '[]')
  } catch {}
  entries.push({ divider: true, time: Date.now() })
  entries = entries.slice(-80)
  const save = () => {
    try {
      sessionStorage.setItem(KEY, JSON.stringify(entries))
    } catch {}
  }
  save()

  function renderRequests() {
    const body = $('insp-requests')
    body.replaceChildren()
    const count = entries.filter((e) => !e.divider).length
    $('insp-count').textContent = String(count)
    if (!count) {
      body.append(el('tr', { className: 'empty' }, el('td', { colSpan: 3, textContent: S.none })))
      return
    }
    // Newest first, with a marker at each page load (a reload with nothing after it shows as such).
    entries
      .slice()
      .reverse()
      .forEach((e) => {
      if (e.divider) {
        body.append(el('tr', { className: 'divider' }, el('td', { colSpan: 3, textContent: `— ${S.pageLoad} ${fmtTime(e.time)} —` })))
        return
      }
      const u = new URL(e.url)
      const rest = u.pathname + (u.search.length > 1 ? u.search : '')
      body.append(
        el(
          'tr',
          {},
          el('td', { className: 'time', textContent: fmtTime(e.time) }),
          el(
            'td',
            { className: 'url', title: e.url, dir: 'ltr' },
            el('span', { className: 'host', textContent: u.hostname }),
            el('span', { className: 'path', textContent: rest.length > 44 ? rest.slice(0, 44) + '…' : rest })
          ),
          el('td', {}, chip(e.category))
        )
      )
    })
  }

  // ---- cookies --------------------------------------------------------------
  let lastCookies = null
  function renderCookies() {
    if (document.cookie === lastCookies) return
    lastCookies = document.cookie
    const list = $('insp-cookies')
    list.replaceChildren()
    const pairs = document.cookie ? document.cookie.split('; ') : []
    if (!pairs.length) {
      list.append(el('li', { className: 'empty', textContent: S.noCookies }))
      return
    }
    for (const p of pairs) {
      const i = p.indexOf('=')
      const name = p.slice(0, i)
      const value = p.slice(i + 1)
      list.append(
        el(
          'li',
          {},
          el('code', { className: 'cname', dir: 'ltr', textContent: name }),
          chip(categoryOfCookie(name)),
          el('code', { className: 'cvalue', dir: 'ltr', title: value, textContent: value.length > 34 ? value.slice(0, 34) + '…' : value })
        )
      )
    }
  }

  function refresh() {
    renderConsent()
    renderCookies()
  }

  // ---- service worker -------------------------------------------------------
  const status = $('insp-sw')
  if ('serviceWorker' in navigator) {
    status.textContent = navigator.serviceWorker.controller ? S.swOn : S.swWait
    navigator.serviceWorker.addEventListener('message', (ev) => {
      const d = ev.data
      if (!d || d.type !== 'nanoconsent-demo:request') return
      entries.push({ url: d.url, time: d.time, category: categoryOfRequest(d.url) })
      entries = entries.slice(-80)
      save()
      renderRequests()
      // Vendor stand-ins set their cookies right after they run.
      setTimeout(renderCookies, 50)
    })
    navigator.serviceWorker.addEventListener('controllerchange', () => (status.textContent = S.swOn))
    navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(() => (status.textContent = S.swOff))
  } else {
    status.textContent = S.swOff
  }

  document.addEventListener('nanoconsent:change', refresh)
  $('insp-reset').addEventListener('click', () => nc && nc.reset())
  // Cookies can change without an event (a tag, another tab): a light poll.
  setInterval(renderCookies, 1000)
  renderRequests()
  refresh()
})()
