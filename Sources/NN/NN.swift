// The NN module. See docs/architecture.md.
