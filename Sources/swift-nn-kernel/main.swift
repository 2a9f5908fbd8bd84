// swift-nn-kernel: see docs/architecture.md
print("swift-nn-kernel")
