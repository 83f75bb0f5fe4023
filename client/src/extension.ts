// Placeholder replaced by the client work; keeps the solution building.
export function activate(): void {}
export function deactivate(): void {}
