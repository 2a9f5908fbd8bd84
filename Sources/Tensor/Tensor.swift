// The Tensor module. See docs/architecture.md.
