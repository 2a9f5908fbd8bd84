// The Lang module. See docs/architecture.md.
