// A first-party analytics helper, loaded through a marked <script data-src>.
window.__markedExternal = (window.__markedExternal || 0) + 1
