namespace Steward.Server.Api.Wire;

// Shapes every area of the native API shares. Request bodies leave every field optional at the JSON level
// so that the core reports all missing or invalid fields at once, by name.

public sealed record ItemList<T>(IReadOnlyList<T> Items, string? NextCursor);
