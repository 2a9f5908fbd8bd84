// The list of builtin groups. Each engine binding adds ONE line here for its group file
// Sources/Lang/Builtins/<Group>Builtins.swift. Later groups replace same-named earlier builtins.

extension BuiltinRegistry {
    /// Every group of builtins, in registration order.
    public static var allGroups: [BuiltinGroup] {
        [
            CoreBuiltins.group,
            CollectionBuiltins.group,
            PlotBuiltins.group,
            TensorBuiltins.group, AutogradBuiltins.group,
            NNBuiltins.group, TrainBuiltins.group, DataBuiltins.group,
        ]
    }
}
