namespace Steward.Core.Access;

/// <summary>A credential snapshot, cached by API key for token issuance and key checks.</summary>
public sealed record CredentialCacheKey(string ApiKey);
