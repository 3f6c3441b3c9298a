// Loaded through a marked <script data-src> a tag manager inserts after load.
window.__lateExternal = (window.__lateExternal || 0) + 1
