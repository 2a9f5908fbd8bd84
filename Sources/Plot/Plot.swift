// The Plot module. See docs/architecture.md.
