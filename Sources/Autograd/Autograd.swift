// The Autograd module. See docs/architecture.md.
