// How every test and bench launches Debian's Chromium: one place for the
// binary and the flags (background networking off, or Chromium's own calls
// hit this machine's closed network).
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium'

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic'
]

/** What a developer without Chromium reads, once, instead of a stack trace per test. */
export const CHROMIUM_MISSING =
  `Chromium not found at ${CHROMIUM}. npm test drives Debian's Chromium: ` +
  'apt-get install chromium fonts-noto-core, or set CHROMIUM_PATH to a Chromium or Chrome binary.'
